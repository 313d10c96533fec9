// Where the main thread's time goes in one backend's map: profiles the main thread (V8's sampling
// profiler, through node:inspector) while it runs the map again and again, then sorts the samples
// into the steps of a pooled map (splitting and packing the items, sending, receiving and
// reassembling the results, allocating them, garbage collection, waiting for the workers) and
// prints milliseconds per map for each.
// Usage: pnpm bench:profile [workload] [backend] [workers] [maps]   (default tiny-tasks worker-threads 2 40)
import { Session } from 'node:inspector/promises';

const [workload = 'tiny-tasks', backend = 'worker-threads', workers = '2', maps = '40'] = process.argv.slice(2);
const root = new URL('..', import.meta.url);
const mapCount = Number(maps);

const workloadUrl = new URL(`packages/workloads/dist/workloads/${workload}.js`, root).href;
const { items, context } = (await import(workloadUrl)).default.generate({ size: 'default', seed: 1 });
const executor = await (await import(new URL(`packages/backend-${backend}/dist/index.js`, root).href)).default.start({ workers: Number(workers) });
for (let i = 0; i < 5; i++) await executor.map({ workloadUrl: workloadUrl, items, context }); // warm-up

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 100 });
await session.post('Profiler.start');
const started = performance.now();
for (let i = 0; i < mapCount; i++) await executor.map({ workloadUrl: workloadUrl, items, context });
const elapsed = performance.now() - started;
const { profile } = await session.post('Profiler.stop');
session.disconnect();
await executor.close();

/** The step of a pooled map that a function belongs to. */
function step(name) {
  if (name === '(idle)') return 'waiting for the workers';
  if (name === '(garbage collector)') return 'garbage collection';
  if (/^(pack|allNumbers|sendChunk|slice)$/.test(name)) return 'splitting and packing the items';
  if (/^(postMessage|send|dispatch|trySend)$/.test(name)) return 'sending';
  if (/^(copyNumbers|copyValues|unpackInto|expectResults|onMessage|message|emitMessage)$/.test(name)) return 'receiving and reassembling the results';
  if (name === 'map') return 'allocating the results array';
  return `other (${name})`;
}

const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const totals = new Map();
profile.samples.forEach((id, i) => {
  const key = step(nodes.get(id).callFrame.functionName || '(anonymous)');
  totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
});
console.log(`${workload} on ${backend} × ${workers}: ${(elapsed / mapCount).toFixed(2)} ms per map over ${mapCount} maps; the main thread's time per map:`);
const rows = [...totals].sort((a, b) => b[1] - a[1]);
const shown = rows.filter(([, ms]) => ms / mapCount >= 0.05);
for (const [key, ms] of shown) console.log(`  ${key.padEnd(42)} ${(ms / mapCount).toFixed(2).padStart(7)} ms`);
const rest = rows.filter((row) => !shown.includes(row)).reduce((sum, [, ms]) => sum + ms, 0);
console.log(`  ${'everything else'.padEnd(42)} ${(rest / mapCount).toFixed(2).padStart(7)} ms`);
