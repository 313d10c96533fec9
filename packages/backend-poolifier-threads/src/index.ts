import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { FixedThreadPool } from 'poolifier';
import { defineBackend, validateWorkers, type Backend } from '@parabench/core';
import { createSeats, replaceablePool, startTaskPool, threadExitError, type ChunkTask, type TaskOutcome, type TaskTransport } from '@parabench/core/pool';

// poolifier takes a path, not a URL.
const workerScript = fileURLToPath(new URL('./worker.js', import.meta.url));

/**
 * poolifier's `FixedThreadPool` with exactly `workers` threads. Each chunk is one `execute()`
 * and poolifier picks the thread (least used first), so the context travels with each chunk:
 * one chunk per worker per map with automatic chunking. poolifier never settles a task whose
 * thread dies, and cannot stop a task that never yields, so each task carries a seat in shared
 * memory where its thread signs; a thread's exit fails exactly its tasks, and after a crash or
 * an abort the pool is replaced, its threads terminated.
 */
const poolifierThreads: Backend = defineBackend({
  name: 'poolifier-threads',
  description: "poolifier's FixedThreadPool: one task per chunk, a dead thread's task failed through a shared seat.",
  runsOn: 'threads',
  supports: { workers: true, abort: true, chunking: true, concurrentMaps: true, memoryLimit: true },
  start(options) {
    const workers = validateWorkers(options.workers);
    return startTaskPool({ backend: poolifierThreads, workers, chunkSize: options.chunkSize, transport: createTransport(workers, options.maxMemoryMb) });
  },
});

export default poolifierThreads;

type Pool = FixedThreadPool<ChunkTask, TaskOutcome>;

function createTransport(workers: number, maxMemoryMb: number | undefined): TaskTransport {
  const seats = createSeats();
  return replaceablePool<Pool>(seats, {
    create(isRetired) {
      // A thread's id reads -1 once it has exited: remember it while the thread is up.
      const threadIds = new WeakMap<Worker, number>();
      const uncaught = new WeakMap<Worker, unknown>();
      const pool: Pool = new FixedThreadPool<ChunkTask, TaskOutcome>(workers, workerScript, {
        // A replacement would leave the dead thread's task pending all the same: the whole pool is replaced instead.
        restartWorkerOnError: false,
        onlineHandler(this: Worker) {
          threadIds.set(this, this.threadId);
        },
        errorHandler(this: Worker, error: Error) {
          if (!uncaught.has(this)) uncaught.set(this, error);
        },
        exitHandler(this: Worker, code: number) {
          const threadId = threadIds.get(this);
          if (threadId !== undefined && !isRetired()) seats.failWorker(threadId, threadExitError(code, uncaught.get(this)));
        },
        ...(maxMemoryMb === undefined ? {} : { workerOptions: { resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb } } }),
      });
      // poolifier re-emits a thread's error on its emitter, where no listener means an uncaught exception; the seats report it.
      pool.emitter?.on('error', () => undefined);
      return pool;
    },
    run: (pool, task, signal) => pool.execute(task, undefined, signal),
    // destroy() waits for each thread to answer, which a thread stuck in a task never does, nor,
    // on a loaded machine, even an idle one sometimes (seen with 5.3.2): terminate them first.
    endWorkers: async (pool) => void (await Promise.all(pool.workerNodes.map((node) => node.worker.terminate()))),
    destroy: (pool) => pool.destroy(),
  });
}
