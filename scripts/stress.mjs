// Runs every backend's conformance suite again and again while background processes burn CPU on
// every core, and counts, per backend and case, how many runs failed: races that a quiet machine
// hides show up here. Exits 1 if any run of any case failed.
// Usage: pnpm test:stress [--iterations N] [--budget SECONDS] [--burners N] [files…]
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    iterations: { type: 'string', default: '20' },
    budget: { type: 'string', default: '840' },
    burners: { type: 'string', default: String(availableParallelism()) },
  },
});
const iterations = Number(values.iterations);
const budgetMs = Number(values.budget) * 1000;
const burnerCount = Number(values.burners);
for (const [flag, value] of [
  ['--iterations', iterations],
  ['--budget', budgetMs],
  ['--burners', burnerCount],
]) {
  if (!Number.isInteger(value) || value < 0 || (flag === '--iterations' && value < 1)) {
    console.error(`stress: ${flag} needs a whole number${flag === '--iterations' ? ' of at least 1' : ''}`);
    process.exit(2);
  }
}

/** Every conformance suite in the workspace: no list to keep. */
const files =
  positionals.length > 0
    ? positionals
    : readdirSync(join(root, 'packages')).flatMap((pkg) => {
        const dir = join(root, 'packages', pkg, 'test');
        try {
          return readdirSync(dir)
            .filter((file) => /conformance\.test\.ts$/.test(file))
            .map((file) => relative(root, join(dir, file)));
        } catch {
          return [];
        }
      });

// One spinning process per core, for the whole run: the tests share the machine with them.
const burners = Array.from({ length: burnerCount }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
const stopBurners = () => {
  for (const burner of burners) burner.kill('SIGKILL');
};
process.on('exit', stopBurners);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(signal === 'SIGINT' ? 130 : 143));

const out = mkdtempSync(join(tmpdir(), 'parabench-stress-'));
const tally = new Map(); // "file › case" → { runs, failed, messages }
const started = Date.now();
let done = 0;
console.log(`stress: ${files.length} conformance suites, up to ${iterations} iterations or ${budgetMs / 1000} s, ${burnerCount} CPU burners`);
while (done < iterations && Date.now() - started < budgetMs) {
  const report = join(out, `run-${done}.json`);
  const code = await run(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', ...files, '--reporter=json', `--outputFile=${report}`]);
  let results;
  try {
    results = JSON.parse(readFileSync(report, 'utf8')).testResults;
  } catch {
    console.error(`stress: iteration ${done + 1} left no report (vitest exited ${code})`);
    process.exitCode = 1;
    break;
  }
  for (const file of results) {
    for (const test of file.assertionResults) {
      if (test.status === 'skipped' || test.status === 'pending' || test.status === 'todo') continue;
      const key = `${relative(root, file.name).replace(/\/test\/.*$/, '')} › ${test.title}`;
      const entry = tally.get(key) ?? { runs: 0, failed: 0, messages: [] };
      entry.runs++;
      if (test.status !== 'passed') {
        entry.failed++;
        entry.messages.push((test.failureMessages[0] ?? '').split('\n')[0]);
      }
      tally.set(key, entry);
    }
    if (file.status === 'failed' && file.assertionResults.length === 0)
      tally.set(`${file.name} (did not load)`, { runs: 1, failed: 1, messages: [file.message] });
  }
  done++;
  const failed = [...tally.values()].reduce((sum, entry) => sum + entry.failed, 0);
  console.log(`stress: iteration ${done} done at ${Math.round((Date.now() - started) / 1000)} s; ${failed} failed runs so far`);
}
rmSync(out, { recursive: true, force: true });
stopBurners();

const failures = [...tally.entries()].filter(([, entry]) => entry.failed > 0);
const runs = [...tally.values()].reduce((sum, entry) => sum + entry.runs, 0);
console.log(
  `\nstress: ${done} iterations, ${tally.size} cases, ${runs} case runs, ${failures.length === 0 ? 'no failures' : `${failures.length} cases failed at least once`}`,
);
for (const [key, entry] of failures) console.log(`  ${entry.failed}/${entry.runs} failed: ${key}\n    ${entry.messages[0]}`);
const byBackend = new Map();
for (const [key, entry] of tally) {
  const backend = key.split(' › ')[0];
  const sum = byBackend.get(backend) ?? { runs: 0, failed: 0 };
  sum.runs += entry.runs;
  sum.failed += entry.failed;
  byBackend.set(backend, sum);
}
for (const [backend, sum] of byBackend) console.log(`  ${backend.padEnd(32)} ${sum.failed} failed of ${sum.runs}`);
if (failures.length > 0 || done === 0) process.exitCode = 1;
console.log(`${runs - failures.reduce((s, [, e]) => s + e.failed, 0)} passed, ${failures.reduce((s, [, e]) => s + e.failed, 0)} failed`);

function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('exit', (code) => resolve(code));
  });
}
