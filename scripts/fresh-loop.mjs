// The plain loop a user would write, in fresh processes that import nothing but the workload:
// what parabench's reference should take per map. For each of N processes: import the workload,
// generate its input, run the loop once to warm it, then time `maps` more; prints each process's
// median and the median over processes.
// Usage: node scripts/fresh-loop.mjs WORKLOAD [--size default] [--processes 5] [--maps 5]
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at === -1 ? fallback : args[at + 1];
};
const [workload] = args;
if (workload === undefined) {
  console.error('usage: node scripts/fresh-loop.mjs WORKLOAD|PATH [--size default] [--processes 5] [--maps 5]');
  process.exit(2);
}
const url = workload.includes('/')
  ? pathToFileURL(resolve(workload)).href
  : new URL(`../packages/workloads/dist/workloads/${workload}.js`, import.meta.url).href;
const size = flag('size', 'default');
const processes = Number(flag('processes', '5'));
const maps = Number(flag('maps', '5'));

const child = `
const { default: w } = await import(${JSON.stringify(url)});
const { items, context } = w.generate({ size: ${JSON.stringify(size)}, seed: 1 });
const loop = () => { const results = new Array(items.length); for (let i = 0; i < items.length; i++) results[i] = w.map(items[i], context); return results; };
loop();
const times = [];
for (let m = 0; m < ${maps}; m++) { const t = performance.now(); loop(); times.push(performance.now() - t); }
times.sort((a, b) => a - b);
console.log(times[Math.floor(times.length / 2)]);
`;
const medians = [];
for (let p = 0; p < processes; p++) {
  const out = spawnSync(process.execPath, ['--input-type=module', '-e', child], { encoding: 'utf8', cwd: fileURLToPath(new URL('..', import.meta.url)) });
  if (out.status !== 0) {
    console.error(out.stderr);
    process.exit(1);
  }
  medians.push(Number(out.stdout.trim()));
}
const sorted = [...medians].sort((a, b) => a - b);
console.log(
  `${workload} (${size}): the plain loop in ${processes} fresh processes, median of ${maps} maps each: ${medians.map((ms) => ms.toFixed(1)).join(', ')} ms; median ${sorted[Math.floor(sorted.length / 2)].toFixed(1)} ms`,
);
