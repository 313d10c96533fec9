// Started by the conformance suite as a separate process: starts the backend, maps once so
// every worker is up, prints its child pids, and waits to be SIGKILLed.
import { loadBackend } from '../loader.js';
import { childPids } from './processes.js';

const [backendUrl, workers = '2', workloadUrl = ''] = process.argv.slice(2);
if (backendUrl === undefined) throw new Error('usage: orphan-probe.js BACKEND_URL [WORKERS] [WORKLOAD_URL]');
const backend = await loadBackend(backendUrl);
const executor = await backend.start({ workers: Number(workers) });
await executor.map({ workloadUrl, items: [{ value: 1 }, { value: 2 }, { value: 3 }], context: null });
process.stdout.write(`${JSON.stringify({ children: childPids() })}\n`);
setInterval(() => undefined, 60_000);
