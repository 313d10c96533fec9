// What a map pays to go through Redis: the bullmq backend against worker-threads, both with two
// workers on this machine, measured paired (both in every round, in alternating order) on
// tiny-tasks, whose items cost next to nothing, so that what is timed is the transport.
//   per chunk: 2,000 one-item chunks; the wall time per chunk.
//   per item:  400,000 items in 16 chunks; the wall time per item once the chunks' cost is taken off.
// Needs PARABENCH_REDIS_URL. Usage: pnpm bench:distributed [rounds]   (default 9)
const rounds = Number(process.argv[2] ?? 9);
const root = new URL('..', import.meta.url);
if (!process.env.PARABENCH_REDIS_URL) {
  console.error('set PARABENCH_REDIS_URL=redis://:PASSWORD@HOST:PORT first (docs/distributed.md)');
  process.exit(2);
}
const workloadUrl = new URL('packages/workloads/dist/workloads/tiny-tasks.js', root).href;
const workload = (await import(workloadUrl)).default;
const backendOf = async (name) => (await import(new URL(`packages/backend-${name}/dist/index.js`, root).href)).default;
const BIG = { items: 400_000, chunks: 16 };
const SMALL = { items: 2_000, chunks: 2_000 };
const plans = [SMALL, BIG].map((plan) => ({ ...plan, items: Array.from({ length: plan.items }, (_, i) => i), chunkSize: plan.items / plan.chunks }));

const rows = [];
for (const name of ['worker-threads', 'bullmq']) {
  const backend = await backendOf(name);
  for (const plan of plans) rows.push({ name, plan, executor: await backend.start({ workers: 2, chunkSize: plan.chunkSize }), times: [] });
}
const timeMap = async (row) => {
  const started = performance.now();
  const results = await row.executor.map({ workloadUrl: workloadUrl, items: row.plan.items, context: null });
  const elapsed = performance.now() - started;
  if (results.length !== row.plan.items.length || results[7] !== workload.map(7, null)) throw new Error(`${row.name}: wrong results`);
  return elapsed;
};
for (const row of rows) for (let i = 0; i < 3; i++) await timeMap(row); // warm-up
const sequential = [];
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? rows : [...rows].reverse();
  for (const row of order) row.times.push(await timeMap(row));
  const started = performance.now();
  for (const item of plans[1].items) workload.map(item, null);
  sequential.push(performance.now() - started);
}
await Promise.all(rows.map((row) => row.executor.close()));

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const us = (ms) => `${(ms * 1000).toFixed(ms < 0.01 ? 3 : 1)} µs`;
console.log(`${rounds} rounds, medians; the plain loop takes ${median(sequential).toFixed(1)} ms for ${BIG.items.toLocaleString('en')} items\n`);
console.log('| backend × 2 | 2,000 one-item chunks | per chunk | 400,000 items in 16 chunks | per item |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const name of ['worker-threads', 'bullmq']) {
  const [small, big] = rows.filter((row) => row.name === name).map((row) => median(row.times));
  const perChunk = small / SMALL.chunks;
  const perItem = (big - BIG.chunks * perChunk) / BIG.items;
  console.log(`| ${name} | ${small.toFixed(1)} ms | ${us(perChunk)} | ${big.toFixed(1)} ms | ${us(perItem)} |`);
}
