import Tinypool from 'tinypool';
import { defineBackend, validateWorkers, WorkerExitedError, type Backend } from '@parabench/core';
import { createInFlight, startTaskPool, type TaskOutcome, type TaskTransport } from '@parabench/core/pool';

const workerScript = new URL('./worker.js', import.meta.url).href;

/** What this backend needs of tinypool's worker wrappers, which it lists in `pool.threads`. */
interface WatchableWorker {
  on(event: 'exit', listener: (code: number) => void): unknown;
  terminate(): Promise<unknown>;
}

/**
 * tinypool (piscina's minimal fork, the pool under vitest) with exactly `workers` threads.
 * Each chunk is one `run()`, so the context travels with each chunk: one chunk per worker per
 * map with automatic chunking. Aborting uses tinypool's AbortSignal support. tinypool leaves a
 * task pending when its thread calls `process.exit()`, so this backend watches its threads'
 * exits, fails the tasks in flight, and replaces the pool.
 */
const tinypoolBackend: Backend = defineBackend({
  name: 'tinypool',
  description: 'tinypool (piscina\'s fork used by vitest): one task per chunk, native AbortSignal cancellation.',
  runsOn: 'threads',
  supports: { workers: true, abort: true, chunking: true, concurrentMaps: true },
  start(options) {
    const workers = validateWorkers(options.workers);
    return startTaskPool({ backend: tinypoolBackend, workers, chunkSize: options.chunkSize, transport: createTransport(workers) });
  },
});

export default tinypoolBackend;

function createTransport(workers: number): TaskTransport {
  const inFlight = createInFlight();
  const watched = new WeakSet<object>();
  // When a thread cannot post its result, tinypool rejects the task with the (uncloneable, so
  // empty) error object and the thread then exits with code 1: that exit is expected, and must
  // not fail the other tasks in flight.
  let expectedExits = 0;
  const retired = new WeakSet<Tinypool>();
  const createPool = (): Tinypool =>
    new Tinypool({ filename: workerScript, minThreads: workers, maxThreads: workers, idleTimeout: 2 ** 31 - 1 });
  let pool = createPool();

  const watchThreads = (current: Tinypool): void => {
    for (const thread of current.threads as unknown as WatchableWorker[]) {
      if (watched.has(thread)) continue;
      watched.add(thread);
      thread.on('exit', (code) => {
        if (retired.has(current)) return;
        if (expectedExits > 0 && code === 1) return void expectedExits--;
        inFlight.failAll(new WorkerExitedError(`thread exited with code ${code}`));
      });
    }
  };

  const retire = async (old: Tinypool, broken: boolean): Promise<void> => {
    retired.add(old);
    if (!broken) return void (await old.destroy());
    // After a thread died, destroy() never resolves (it waits for an exit that already happened):
    // end the threads ourselves and let destroy() release the rest in the background.
    await Promise.all((old.threads as unknown as WatchableWorker[]).map((thread) => thread.terminate()));
    old.destroy().catch(() => undefined);
  };

  return {
    run(task, signal) {
      const running = (pool.run(task, { signal }) as Promise<TaskOutcome>).catch((error: unknown) => {
        if (!(error instanceof Error)) expectedExits++;
        throw error;
      });
      watchThreads(pool);
      return inFlight.track(running);
    },
    async recover() {
      expectedExits = 0;
      const broken = pool;
      pool = createPool();
      await retire(broken, true);
    },
    close: () => retire(pool, false),
  };
}
