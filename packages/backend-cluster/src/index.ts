import cluster from 'node:cluster';
import { fileURLToPath } from 'node:url';
import { defineBackend, type Backend } from '@parabench/core';
import { startPool, type WorkerEvents, type WorkerHandle } from '@parabench/core/pool';

const childScript = fileURLToPath(new URL('./child.js', import.meta.url));

/**
 * A pool of `workers` processes forked through node:cluster, talking over IPC with
 * 'advanced' serialization (Maps, Sets, BigInts, typed arrays and -0 survive the trip).
 * Same chunking and context-once scheme as worker-threads; children exit when the
 * parent disconnects or dies.
 */
const clusterBackend: Backend = defineBackend({
  name: 'cluster',
  description: 'Processes forked by node:cluster with \'advanced\' IPC: Node\'s multiprocessing.Pool.',
  runsOn: 'processes',
  supports: { workers: true, abort: true, chunking: true },
  start: (options) => startPool({ backend: clusterBackend, workers: options.workers, chunkSize: options.chunkSize, spawn: forkChild }),
});

export default clusterBackend;

/** Children alive in this process, killed when it exits: a child stuck in a loop never sees the IPC channel close. */
const children = new Set<{ process: { kill(signal: NodeJS.Signals): boolean } }>();
let killOnExit = false;

function forkChild(events: WorkerEvents): WorkerHandle {
  // setupPrimary is process-wide: set it right before each fork so other cluster users cannot change our child.
  cluster.setupPrimary({ exec: childScript, args: [], serialization: 'advanced', silent: false });
  const child = cluster.fork();
  children.add(child);
  if (!killOnExit) {
    killOnExit = true;
    process.once('exit', () => children.forEach((c) => c.process.kill('SIGKILL')));
  }
  child.on('message', events.message);
  child.on('exit', (code: number | null, signal: string | null) => {
    children.delete(child);
    events.exit(signal === null ? `process exited with code ${code}` : `process killed by ${signal}`);
  });
  // A send to a child that just died reports through 'error'; its 'exit' tells the pool.
  child.on('error', () => undefined);
  return {
    send(message) {
      if (!child.isConnected()) throw new Error('the IPC channel to the child process is closed');
      child.send(message, undefined, undefined, () => undefined);
    },
    terminate: () =>
      new Promise<void>((resolve) => {
        if (child.isDead()) return resolve();
        child.process.once('exit', () => resolve());
        child.process.kill('SIGKILL');
      }),
  };
}
