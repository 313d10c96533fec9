// One runtime × one backend: the conformance suite's checks that every runtime can run without
// vitest. Run by scripts/test-runtimes.mjs under Node, Bun or Deno; prints one JSON line.
// Usage: <runtime> scripts/runtime-check.mjs BACKEND_URL WORKLOAD_URL…
import { readdirSync, readFileSync } from 'node:fs';

const [backendUrl, ...workloadUrls] = process.argv.slice(2);
const core = await import('../packages/core/dist/index.js');
const { compareResults, loadBackend, loadWorkload, sequential } = core;

/** Child processes of this process still alive, from /proc (Linux). */
function children() {
  const mine = String(process.pid);
  return readdirSync('/proc').filter((entry) => {
    if (!/^\d+$/.test(entry)) return false;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] === mine;
    } catch {
      return false;
    }
  });
}

const failures = [];
const check = async (what, run) => {
  try {
    await run();
  } catch (error) {
    failures.push(`${what}: ${error?.code ? `[${error.code}] ` : ''}${error?.message ?? String(error)}`.slice(0, 300));
  }
};

const backend = await loadBackend(backendUrl);
const reference = await sequential.start({ workers: 1 });
let executor;
await check('start with 2 workers', async () => {
  executor = await backend.start({ workers: 2 });
});
if (executor !== undefined) {
  for (const workloadUrl of workloadUrls) {
    const workload = await loadWorkload(workloadUrl);
    const { items, context } = workload.generate({ size: 'quick', seed: 1 });
    const request = { workloadUrl, workloadName: workload.name, items, context };
    const expected = await reference.map(request);
    await check(`${workload.name}: results equal the reference`, async () => {
      const difference = compareResults(expected, await executor.map(request));
      if (difference !== undefined) throw new Error(`item ${difference.index}: expected ${String(difference.expected)}, got ${String(difference.actual)}`);
    });
  }
  const [first] = workloadUrls;
  const workload = await loadWorkload(first);
  const { items, context } = workload.generate({ size: 'quick', seed: 2 });
  await check('two maps in a row, then one item, then none', async () => {
    for (const some of [items, items, items.slice(0, 1), []]) {
      const results = await executor.map({ workloadUrl: first, workloadName: workload.name, items: some, context });
      if (results.length !== some.length) throw new Error(`${results.length} results for ${some.length} items`);
    }
  });
  await check('close, twice', async () => {
    await executor.close();
    await executor.close();
  });
  await check('map after close rejects with PARABENCH_EXECUTOR_CLOSED', async () => {
    const outcome = await executor.map({ workloadUrl: first, items: [1], context }).then(
      () => 'resolved',
      (error) => error?.code,
    );
    if (outcome !== 'PARABENCH_EXECUTOR_CLOSED') throw new Error(`got ${outcome}`);
  });
  await check('no child process left after close()', async () => {
    for (let waited = 0; children().length > 0 && waited < 5000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    if (children().length > 0) throw new Error(`still running: ${children().join(', ')}`);
  });
}
await reference.close();
process.stdout.write(`${JSON.stringify({ failures })}\n`);
process.exit(0);
