import { Piscina } from 'piscina';
import { defineBackend, validateWorkers, WorkerExitedError, type Backend } from '@parabench/core';
import { startTaskPool, type TaskOutcome } from '@parabench/core/pool';

const workerScript = new URL('./worker.js', import.meta.url).href;

/**
 * piscina with exactly `workers` threads, all started with the executor. Each chunk is one
 * `run()` (piscina picks the thread), so the context travels with each chunk: one chunk per
 * worker per map with automatic chunking. Aborting uses piscina's own AbortSignal support,
 * which terminates the thread running the task.
 */
const piscinaBackend: Backend = defineBackend({
  name: 'piscina',
  description: 'piscina worker-thread pool: one task per chunk, native AbortSignal cancellation.',
  runsOn: 'threads',
  supports: { workers: true, abort: true, chunking: true, concurrentMaps: true, memoryLimit: true },
  start(options) {
    const workers = validateWorkers(options.workers);
    const pool = new Piscina({
      filename: workerScript,
      minThreads: workers,
      maxThreads: workers,
      idleTimeout: Number.POSITIVE_INFINITY,
      ...(options.maxMemoryMb === undefined ? {} : { resourceLimits: { maxOldGenerationSizeMb: options.maxMemoryMb } }),
    });
    return startTaskPool({
      backend: piscinaBackend,
      workers,
      chunkSize: options.chunkSize,
      transport: {
        run: (task, signal) =>
          (pool.run(task, { signal }) as Promise<TaskOutcome>).catch((error: unknown) => {
            throw error instanceof Error && /^worker exited with code/.test(error.message) ? new WorkerExitedError(error.message, { cause: error }) : error;
          }),
        close: () => pool.destroy(),
      },
    });
  },
});

export default piscinaBackend;
