// `pnpm test:runtimes`: every backend through the conformance checks that run without vitest
// (scripts/runtime-check.mjs), in every runtime installed here (Node 22 and 24, Bun, Deno from the
// registry, under PARABENCH_TOOLS, default .tools), and the matrix of what runs where. A backend
// that declares a runtime unsupported (`runtimes: { bun: false }`) is not tried there. Exits 1
// when a backend fails in a runtime it does not decline; with PARABENCH_REQUIRE_RUNTIMES=1, also
// when a runtime is missing.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { loadCatalog, resolveRuntimes } = await import('../packages/suite/dist/index.js');
const { missingNeeds, declinesRuntime } = await import('../packages/core/dist/index.js');

const wanted = ['node', 'node@22', 'node@24', 'bun', 'deno'];
const runtimes = [];
const missing = [];
for (const name of wanted) {
  try {
    runtimes.push(...resolveRuntimes([name]));
  } catch (error) {
    missing.push(`${name}: ${error.message}`);
  }
}
for (const line of missing) console.log(`skipping runtime ${line}`);
if (missing.length > 0 && process.env.PARABENCH_REQUIRE_RUNTIMES === '1') {
  console.error('test:runtimes: PARABENCH_REQUIRE_RUNTIMES=1, and some runtimes are missing (see above)');
  process.exit(1);
}

const catalog = await loadCatalog([root]);
const backends = [...catalog.backends.values()].filter(({ backend }) => backend.name !== 'sequential' && missingNeeds(backend) === undefined);
const workloadDir = new URL('../packages/workloads/dist/workloads/', import.meta.url);
const workloads = readdirSync(workloadDir)
  .filter((file) => file.endsWith('.js'))
  .map((file) => new URL(file, workloadDir).href);

/** Runs one check in one runtime; a check that does not finish in two minutes hangs. */
function runCheck(runtime, backendUrl) {
  const script = fileURLToPath(new URL('./runtime-check.mjs', import.meta.url));
  const args = runtime.kind === 'deno' ? ['run', '--allow-all', script] : [script];
  return new Promise((resolve) => {
    const child = spawn(runtime.binary, [...args, backendUrl, ...workloads], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
      resolve({ status: 'hangs', detail: 'no answer in 120 s' });
    }, 120_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = out.trim().split('\n').at(-1) ?? '';
      try {
        const { failures } = JSON.parse(line);
        resolve(failures.length === 0 ? { status: 'passes' } : { status: 'fails', detail: failures.join('; ') });
      } catch {
        resolve({ status: 'fails', detail: `exited with ${code}: ${(err.trim().split('\n').at(-1) ?? '').slice(0, 200)}` });
      }
    });
  });
}

const results = new Map();
let broken = 0;
for (const runtime of runtimes) {
  for (const { backend, url } of backends) {
    const key = `${runtime.name}\u0000${backend.name}`;
    if (declinesRuntime(backend, runtime.kind)) {
      results.set(key, { status: 'unsupported' });
      continue;
    }
    const result = await runCheck(runtime, url);
    results.set(key, result);
    if (result.status !== 'passes') broken++;
    console.log(`${runtime.name} (${runtime.kind} ${runtime.version}) · ${backend.name}: ${result.status}${result.detail ? `: ${result.detail}` : ''}`);
  }
}

const cell = (result) =>
  result.status === 'passes' ? '✓' : result.status === 'unsupported' ? 'unsupported' : result.status === 'hangs' ? '✗ hangs' : '✗ fails';
const header = ['backend', ...runtimes.map((runtime) => `${runtime.name} ${runtime.version}`)];
const lines = backends.map(({ backend }) => [backend.name, ...runtimes.map((runtime) => cell(results.get(`${runtime.name}\u0000${backend.name}`)))]);
const widths = header.map((_, i) => Math.max(...[header, ...lines].map((line) => line[i].length)));
const format = (line) => line.map((text, i) => text.padEnd(widths[i])).join('  ');
console.log(`\nWhat runs where (the conformance checks that run without vitest):\n${format(header)}\n${lines.map(format).join('\n')}`);
if (broken > 0) {
  console.error(`\ntest:runtimes: ${broken} backend × runtime pairs fail where the backend does not declare the runtime unsupported`);
  process.exit(1);
}
