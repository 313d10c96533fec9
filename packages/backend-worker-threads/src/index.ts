import { Worker } from 'node:worker_threads';
import { defineBackend, isOutOfMemory, type Backend } from '@parabench/core';
import { startPool, threadExitDetail, type WorkerEvents, type WorkerHandle } from '@parabench/core/pool';

const workerScript = new URL('./worker.js', import.meta.url);

/**
 * A pool of `workers` threads: items go out in chunks (about four per worker unless
 * `chunkSize` says otherwise), the context once per worker per map, and results come back
 * in input order with their ArrayBuffers transferred rather than copied.
 */
const workerThreads: Backend = defineBackend({
  name: 'worker-threads',
  description: 'A pool on node:worker_threads, no library: chunked items, context once per worker, transferred results.',
  runsOn: 'threads',
  supports: { workers: true, abort: true, transfer: true, chunking: true, memoryLimit: true },
  start: (options) => startPool({ ...options, backend: workerThreads, spawn: (events) => spawnThread(events, options.maxMemoryMb) }),
});

export default workerThreads;

function spawnThread(events: WorkerEvents, maxMemoryMb: number | undefined): WorkerHandle {
  const worker = new Worker(workerScript, maxMemoryMb === undefined ? {} : { resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb } });
  let uncaught: unknown;
  worker.on('message', events.message);
  worker.on('error', (error) => (uncaught ??= error));
  worker.on('exit', (code) => events.exit(threadExitDetail(code, uncaught), isOutOfMemory(uncaught)));
  return {
    send: (message, transfer) => worker.postMessage(message, transfer),
    terminate: async () => {
      await worker.terminate();
    },
  };
}
