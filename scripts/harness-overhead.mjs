// How much the harness adds to the loop a user would write, on tiny-tasks (a million items of a
// few nanoseconds each, where any per-item cost shows). Paired rounds: each round times a bare
// `for` loop calling the workload's `map` and the `sequential` executor's `map`, in a random order;
// the overhead is the median of their per-round ratio, with its 95% interval.
// Usage: pnpm bench:overhead [rounds]   (default 60)
import { sequential } from '../packages/core/dist/index.js';
import { estimateMedian } from '../packages/suite/dist/stats.js';

const rounds = Number(process.argv[2] ?? 60);
const workloadsDir = new URL('../packages/workloads/dist/workloads/', import.meta.url);
const names = ['io-wait', 'membership', 'sum-range', 'transfer', 'tiny-tasks'];
const executor = await sequential.start({ workers: 1 });

// As in a suite run, the reference has mapped every workload before tiny-tasks is timed.
for (const name of names) {
  const workload = (await import(new URL(`${name}.js`, workloadsDir).href)).default;
  const { items, context } = workload.generate({ size: 'quick', seed: 1 });
  await executor.map({ workload: new URL(`${name}.js`, workloadsDir).href, items: items.slice(0, 4), context });
}
const url = new URL('tiny-tasks.js', workloadsDir).href;
const tiny = (await import(url)).default;
const { items, context } = tiny.generate({ size: 'default', seed: 1 });

const variants = {
  'bare for loop': async () => {
    const results = new Array(items.length);
    for (let i = 0; i < items.length; i++) results[i] = tiny.map(items[i], context);
    return results;
  },
  'sequential executor': () => executor.map({ workload: url, items, context }),
};
const times = { 'bare for loop': [], 'sequential executor': [] };
for (let round = 0; round < rounds + 5; round++) {
  const order = Object.keys(variants).sort(() => Math.random() - 0.5);
  for (const name of order) {
    const started = performance.now();
    await variants[name]();
    if (round >= 5) times[name].push(performance.now() - started); // the first five warm up
  }
}
await executor.close();

const ratio = estimateMedian(times['sequential executor'].map((ms, i) => ms / times['bare for loop'][i]));
for (const [name, samples] of Object.entries(times)) console.log(`${name.padEnd(20)} median ${estimateMedian(samples).median.toFixed(2)} ms`);
console.log(`harness ÷ bare loop: ${ratio.median.toFixed(3)} [${ratio.low.toFixed(3)}–${ratio.high.toFixed(3)}] over ${rounds} paired rounds`);
