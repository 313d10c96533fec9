import { Pool, spawn, Worker, type WorkerPool } from 'threads';
import { defineBackend, validateWorkers, type Backend } from '@parabench/core';
import { createSeats, startTaskPool, swappable, threadExitError, type SeatedTask, type TaskOutcome, type TaskTransport } from '@parabench/core/pool';

// threads.js resolves a worker path against the file that calls `new Worker`, even an absolute one,
// as its stack trace names it. Deno names the source-mapped src/index.ts there rather than
// dist/index.js, so the path leads into dist from either folder.
const workerScript = '../dist/worker.js';

interface ExposedWorker {
  runChunkTask(task: SeatedTask): Promise<TaskOutcome>;
}

/**
 * threads.js `Pool` with one task per chunk. threads.js leaves a task whose worker died
 * pending forever (its issue #386), so each task carries a seat its thread signs (`createSeats`):
 * when a thread exits, its tasks are rejected and the whole pool is replaced; aborting replaces
 * it too, to end a stuck worker.
 */
const threadsBackend: Backend = defineBackend({
  name: 'threads',
  description: 'threads.js Pool, one task per chunk, with the crash handling threads.js lacks (a dead worker rejects its map).',
  runsOn: 'threads',
  supports: { workers: true, abort: true, chunking: true, concurrentMaps: true, memoryLimit: true },
  start: (options) =>
    startTaskPool({
      backend: threadsBackend,
      workers: options.workers,
      chunkSize: options.chunkSize,
      transport: createThreadsTransport(validateWorkers(options.workers), options.maxMemoryMb),
    }),
});

export default threadsBackend;

function createThreadsTransport(workers: number, maxMemoryMb: number | undefined): TaskTransport {
  const seats = createSeats();
  const pools = swappable(createPool, (pool) => pool.terminate(true));

  function createPool(): WorkerPool<ExposedWorker> {
    let retired = false;
    const current = Pool<ExposedWorker>(
      () => {
        const worker = new Worker(workerScript, maxMemoryMb === undefined ? {} : { resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb } });
        const { threadId } = worker; // reads -1 once the thread has exited
        let uncaught: unknown;
        worker.on('error', (error) => (uncaught ??= error));
        worker.on('exit', (code) => {
          if (retired) return;
          seats.failWorker(threadId, threadExitError(code, uncaught));
        });
        return spawn<ExposedWorker>(worker);
      },
      { size: workers, concurrency: 1 },
    );
    const terminate = current.terminate.bind(current);
    current.terminate = (force) => {
      retired = true;
      return terminate(force);
    };
    return current;
  }

  return {
    run: (task) => seats.occupy((seat) => pools.current.queue((thread) => thread.runChunkTask({ ...task, seat }))),
    recover: () => pools.replace(),
    close: () => pools.close(),
  };
}
