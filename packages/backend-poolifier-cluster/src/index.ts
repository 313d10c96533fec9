import type { Worker } from 'node:cluster';
import { fileURLToPath } from 'node:url';
import { FixedClusterPool } from 'poolifier';
import { defineBackend, validateWorkers, WorkerExitedError, type Backend } from '@parabench/core';
import { createSeats, replaceablePool, startTaskPool, type ChunkTask, type TaskOutcome, type TaskTransport } from '@parabench/core/pool';

// poolifier takes a path, not a URL.
const workerScript = fileURLToPath(new URL('./worker.cjs', import.meta.url));

/**
 * poolifier's `FixedClusterPool` with exactly `workers` processes, over 'advanced' IPC (poolifier
 * sends JSON otherwise, which drops functions silently and turns typed arrays, Maps and -0 into
 * something else). Each chunk is one `execute()` and poolifier picks the process. poolifier never
 * settles a task whose process dies, so each task carries a seat in a small file where its process
 * signs; a process's exit fails exactly its tasks, and after a crash or an abort the pool is
 * replaced, its processes killed.
 */
const poolifierCluster: Backend = defineBackend({
  name: 'poolifier-cluster',
  description: "poolifier's FixedClusterPool with 'advanced' IPC: one task per chunk, a dead process's task failed through a seat file.",
  runsOn: 'processes',
  supports: { workers: true, abort: true, chunking: true, concurrentMaps: true },
  start(options) {
    const workers = validateWorkers(options.workers);
    return startTaskPool({ backend: poolifierCluster, workers, chunkSize: options.chunkSize, transport: createTransport(workers) });
  },
});

export default poolifierCluster;

type Pool = FixedClusterPool<ChunkTask, TaskOutcome>;

function createTransport(workers: number): TaskTransport {
  const seats = createSeats({ across: 'processes' });
  return replaceablePool<Pool>(seats, {
    create(isRetired) {
      // poolifier calls cluster.setupPrimary() for the whole process before it forks, and forks
      // again only to restart a worker: with restarts off, every fork of this pool happens here,
      // synchronously, so another cluster user in this process cannot change what it forks.
      const pool: Pool = new FixedClusterPool<ChunkTask, TaskOutcome>(workers, workerScript, {
        restartWorkerOnError: false,
        settings: { serialization: 'advanced', args: [], execArgv: process.execArgv },
        exitHandler(this: Worker, code: number) {
          if (isRetired()) return;
          const { pid, signalCode } = this.process;
          const detail = signalCode === null ? `process exited with code ${code}` : `process killed by ${signalCode}`;
          if (pid !== undefined) seats.failWorker(pid, new WorkerExitedError(detail));
        },
      });
      // poolifier re-emits a worker's error on its emitter, where no listener means an uncaught exception; the seats report it.
      pool.emitter?.on('error', () => undefined);
      return pool;
    },
    run: (pool, task, signal) => pool.execute(task, undefined, signal),
    // destroy() waits for each process to answer a kill message, which one stuck in a task never gives: kill them first.
    endWorkers: async (pool) => void (await Promise.all(pool.workerNodes.map((node) => kill(node.worker)))),
    destroy: (pool) => pool.destroy(),
  });
}

function kill(worker: Worker): Promise<void> {
  return new Promise((resolve) => {
    if (worker.isDead()) return resolve();
    worker.process.once('exit', () => resolve());
    worker.process.kill('SIGKILL');
  });
}
