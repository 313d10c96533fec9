import cluster from 'node:cluster';
import { fileURLToPath } from 'node:url';
import { defineBackend, isOutOfMemory, type Backend } from '@parabench/core';
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
  description: "Processes forked by node:cluster with 'advanced' IPC: Node's multiprocessing.Pool.",
  runsOn: 'processes',
  supports: { workers: true, abort: true, chunking: true, memoryLimit: true },
  start: (options) =>
    startPool({ backend: clusterBackend, workers: options.workers, chunkSize: options.chunkSize, spawn: (events) => forkChild(events, options.maxMemoryMb) }),
});

export default clusterBackend;

/** Children alive in this process, killed when it exits: a child stuck in a loop never sees the IPC channel close. */
const children = new Set<{ process: { kill(signal: NodeJS.Signals): boolean } }>();
let killOnExit = false;

function forkChild(events: WorkerEvents, maxMemoryMb: number | undefined): WorkerHandle {
  const execArgv = maxMemoryMb === undefined ? process.execArgv : [...process.execArgv, `--max-old-space-size=${maxMemoryMb}`];
  // setupPrimary is process-wide: set it right before each fork so other cluster users cannot change our child.
  // silent: the child's stderr is passed on here, and read for V8's out-of-memory message.
  cluster.setupPrimary({ exec: childScript, args: [], execArgv, serialization: 'advanced', silent: true });
  const child = cluster.fork();
  let outOfMemory = false;
  child.process.stdout?.on('data', (chunk: Buffer) => process.stdout.write(chunk));
  child.process.stderr?.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk);
    outOfMemory ||= isOutOfMemory(chunk.toString('utf8')); // V8's message before it aborts the process
  });
  children.add(child);
  if (!killOnExit) {
    killOnExit = true;
    process.once('exit', () => {
      for (const c of children) c.process.kill('SIGKILL');
    });
  }
  child.on('message', events.message);
  // V8's message may still be in the pipe when 'exit' comes: read it to the end (or for a second) first.
  const stderrRead = new Promise<void>((resolve) => {
    if (child.process.stderr === null) return resolve();
    child.process.stderr.once('close', resolve);
    child.process.once('exit', () => setTimeout(resolve, 1000).unref());
  });
  child.on('exit', async (code: number | null, signal: string | null) => {
    children.delete(child);
    await stderrRead;
    const detail = signal === null ? `process exited with code ${code}` : `process killed by ${signal}`;
    events.exit(outOfMemory ? `${detail} on reaching its heap limit (--max-old-space-size=${maxMemoryMb ?? 'default'})` : detail, outOfMemory);
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
