// How much the harness adds to the loop a user would write, on tiny-tasks (a million items of a
// few nanoseconds each, where any per-item cost shows). Each side runs in a thread of its own, so
// that neither's JIT state (inlining, array element kinds) leaks into the other's:
// - "bare loop": a program that imports the workload and runs a plain `for` loop calling `map`;
// - "sequential": parabench's reference executor, after it has mapped every built-in workload,
//   as it has in a suite run.
// Paired rounds: each round times one map on each side, in a random order; the overhead is the
// median of the per-round ratio, with its 95% interval.
// Usage: pnpm bench:overhead [rounds]   (default 60)
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { once } from 'node:events';

const workloadsDir = new URL('../packages/workloads/dist/workloads/', import.meta.url);
const tinyTasks = new URL('tiny-tasks.js', workloadsDir).href;

if (isMainThread) {
  const { estimateMedian } = await import('../packages/suite/dist/analysis/stats.js');
  const rounds = Number(process.argv[2] ?? 60);
  const sides = ['bare loop', 'sequential'];
  const threads = Object.fromEntries(sides.map((side) => [side, new Worker(new URL(import.meta.url), { workerData: side })]));
  await Promise.all(Object.values(threads).map((thread) => once(thread, 'message')));
  const times = Object.fromEntries(sides.map((side) => [side, []]));
  for (let round = 0; round < rounds + 5; round++) {
    for (const side of [...sides].sort(() => Math.random() - 0.5)) {
      threads[side].postMessage('map');
      const [ms] = await once(threads[side], 'message');
      if (round >= 5) times[side].push(ms); // the first five rounds warm up
    }
  }
  await Promise.all(Object.values(threads).map((thread) => thread.terminate()));
  for (const side of sides) console.log(`${side.padEnd(11)} median ${estimateMedian(times[side]).median.toFixed(2)} ms`);
  const ratio = estimateMedian(times.sequential.map((ms, i) => ms / times['bare loop'][i]));
  console.log(`sequential ÷ bare loop: ${ratio.median.toFixed(3)} [${ratio.low.toFixed(3)}–${ratio.high.toFixed(3)}] over ${rounds} paired rounds`);
} else {
  const tiny = (await import(tinyTasks)).default;
  const { items, context } = tiny.generate({ size: 'default', seed: 1 });
  let mapOnce;
  if (workerData === 'bare loop') {
    mapOnce = () => {
      const results = new Array(items.length);
      for (let i = 0; i < items.length; i++) results[i] = tiny.map(items[i], context);
      return results;
    };
  } else {
    const { sequential } = await import('../packages/core/dist/index.js');
    const executor = await sequential.start({ workers: 1 });
    for (const name of ['io-wait', 'membership', 'sum-range', 'transfer', 'tiny-tasks']) {
      const workload = new URL(`${name}.js`, workloadsDir).href;
      const input = (await import(workload)).default.generate({ size: 'quick', seed: 1 });
      await executor.map({ workloadUrl: workload, items: input.items.slice(0, 4), context: input.context });
    }
    mapOnce = () => executor.map({ workloadUrl: tinyTasks, items, context });
  }
  parentPort.on('message', async () => {
    const started = performance.now();
    await mapOnce();
    parentPort.postMessage(performance.now() - started);
  });
  parentPort.postMessage('ready');
}
