import { fileURLToPath } from 'node:url';
import workerpool from 'workerpool';
import { defineBackend, validateWorkers, WorkerExitedError, type Backend } from '@parabench/core';
import { startTaskPool, swappable, type TaskTransport } from '@parabench/core/pool';

const workerScript = fileURLToPath(new URL('./worker.js', import.meta.url));

/**
 * workerpool with worker threads, `workers` of them started at once. Each chunk is one task
 * (workerpool picks the worker), so the context travels with each chunk: with automatic
 * chunking that is one chunk, and one copy of the context, per worker per map.
 */
const workerpoolBackend: Backend = defineBackend({
  name: 'workerpool',
  description: 'The workerpool package with worker threads: one task per chunk, cancellation terminates stuck workers.',
  runsOn: 'threads',
  supports: { workers: true, abort: true, chunking: true, concurrentMaps: true, memoryLimit: true },
  async start(options) {
    const workers = validateWorkers(options.workers);
    const createPool = (): ReturnType<typeof workerpool.pool> =>
      workerpool.pool(workerScript, {
        workerType: 'thread',
        minWorkers: workers,
        maxWorkers: workers,
        ...(options.maxMemoryMb === undefined ? {} : { workerThreadOpts: { resourceLimits: { maxOldGenerationSizeMb: options.maxMemoryMb } } }),
      });
    const pools = swappable(createPool, async (pool) => {
      await pool.terminate(true);
    });
    const transport: TaskTransport = {
      run(task, signal) {
        const promise = pools.current.exec('runChunkTask', [task]);
        const cancel = (): void => void promise.cancel();
        signal.addEventListener('abort', cancel, { once: true });
        return Promise.resolve(promise)
          .catch((error: unknown) => {
            throw error instanceof workerpool.TerminateError ? new WorkerExitedError(error.message.split('\n')[0] ?? 'terminated', { cause: error }) : error;
          })
          .finally(() => signal.removeEventListener('abort', cancel));
      },
      // workerpool leaves a worker marked busy forever when a task cannot be sent to it: start afresh.
      recover: () => pools.replace(),
      close: () => pools.close(),
    };
    return startTaskPool({ backend: workerpoolBackend, workers, chunkSize: options.chunkSize, transport });
  },
});

export default workerpoolBackend;
