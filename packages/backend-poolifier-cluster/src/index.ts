import cluster, { type ClusterSettings, type Worker } from 'node:cluster';
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
      const settings = { serialization: 'advanced' as const, args: [], execArgv: process.execArgv };
      const pool: Pool = new FixedClusterPool<ChunkTask, TaskOutcome>(workers, workerScript, {
        restartWorkerOnError: false,
        settings,
        exitHandler(this: Worker, code: number) {
          if (isRetired()) return;
          const { pid, signalCode } = this.process;
          const detail = signalCode === null ? `process exited with code ${code}` : `process killed by ${signalCode}`;
          if (pid !== undefined) seats.failWorker(pid, new WorkerExitedError(detail));
        },
      });
      // poolifier re-emits a worker's error on its emitter, where no listener means an uncaught exception; the seats report it.
      pool.emitter?.on('error', () => undefined);
      forkOwnWorkers(pool, settings);
      return pool;
    },
    run: (pool, task, signal) => pool.execute(task, undefined, signal),
    // destroy() waits for each process to answer a kill message, which one stuck in a task never gives: kill them first.
    endWorkers: async (pool) => void (await Promise.all(pool.workerNodes.map((node) => kill(node.worker)))),
    destroy: (pool) => pool.destroy(),
  });
}

/**
 * poolifier calls cluster.setupPrimary() once, when the pool starts, for the whole process; but it
 * forks again later, to keep its minimum of workers when one exits while the pool runs. By then
 * another cluster user in this process (the `cluster` backend) may have set the primary up for its
 * own children, and poolifier would fork one of those: its first message ("ready", with no worker
 * id) then throws inside poolifier's listener, an exception nobody can catch. So every fork of
 * this pool first sets the primary up for poolifier's worker again. The hook is poolifier 5.3's
 * (the version is pinned); a release without it fails the backend's start, not a run.
 */
function forkOwnWorkers(pool: Pool, settings: ClusterSettings): void {
  const internals = pool as unknown as { createAndSetupWorkerNode?: (...args: unknown[]) => number };
  const create = internals.createAndSetupWorkerNode;
  if (typeof create !== 'function') throw new Error('poolifier-cluster: this poolifier has no createAndSetupWorkerNode to guard its forks with');
  internals.createAndSetupWorkerNode = (...args: unknown[]) => {
    cluster.setupPrimary({ ...settings, exec: workerScript });
    return create.apply(pool, args);
  };
}

function kill(worker: Worker): Promise<void> {
  return new Promise((resolve) => {
    if (worker.isDead()) return resolve();
    worker.process.once('exit', () => resolve());
    worker.process.kill('SIGKILL');
  });
}
