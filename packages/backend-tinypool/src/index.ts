import Tinypool from 'tinypool';
import { defineBackend, validateWorkers, type Backend } from '@parabench/core';
import { createSeats, startTaskPool, swappable, threadExitError, type ChunkTask, type TaskOutcome, type TaskTransport } from '@parabench/core/pool';

const workerScript = new URL('./worker.js', import.meta.url).href;
const isDeno = 'Deno' in globalThis;

/** What this backend needs of tinypool's worker wrappers, which it lists in `pool.threads`. */
interface WatchableWorker {
  threadId: number;
  on(event: 'exit', listener: (code: number) => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  terminate(): Promise<unknown>;
}

/**
 * tinypool (piscina's minimal fork, the pool under vitest) with exactly `workers` threads.
 * Each chunk is one `run()`, so the context travels with each chunk: one chunk per worker per
 * map with automatic chunking. Aborting uses tinypool's AbortSignal support. tinypool leaves a
 * task pending when its thread calls `process.exit()`, so this backend learns which thread runs
 * each task, fails the tasks of a thread that exits, and replaces the pool.
 */
const tinypoolBackend: Backend = defineBackend({
  name: 'tinypool',
  description: "tinypool (piscina's fork used by vitest): one task per chunk, native AbortSignal cancellation.",
  runsOn: 'threads',
  supports: { workers: true, abort: true, chunking: true, concurrentMaps: true, memoryLimit: true },
  start(options) {
    const workers = validateWorkers(options.workers);
    return startTaskPool({ backend: tinypoolBackend, workers, chunkSize: options.chunkSize, transport: createTransport(workers, options.maxMemoryMb) });
  },
});

export default tinypoolBackend;

function createTransport(workers: number, maxMemoryMb: number | undefined): TaskTransport {
  const seats = createSeats();
  const watched = new WeakSet<object>();
  const retired = new WeakSet<Tinypool>();
  const createPool = (): Tinypool =>
    new Tinypool({
      filename: workerScript,
      minThreads: workers,
      maxThreads: workers,
      idleTimeout: 2 ** 31 - 1,
      // Under Deno 2.9, a thread that waits for its next task with Atomics.wait sometimes never
      // wakes when two tasks are posted at once, and the pool hangs; messages alone always arrive.
      ...(isDeno ? { useAtomics: false } : {}),
      ...(maxMemoryMb === undefined ? {} : { resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb } }),
    });

  const watchThreads = (current: Tinypool): void => {
    for (const thread of current.threads as unknown as WatchableWorker[]) {
      if (watched.has(thread)) continue;
      watched.add(thread);
      const { threadId } = thread;
      let uncaught: unknown;
      thread.on('error', (error) => (uncaught ??= error));
      thread.on('exit', (code) => {
        // A thread that could not post a result exits too, after its task was rejected: then it runs nothing.
        if (!retired.has(current)) seats.failWorker(threadId, threadExitError(code, uncaught));
      });
    }
  };

  const pools = swappable(createPool, async (old: Tinypool, broken: boolean): Promise<void> => {
    retired.add(old);
    if (!broken) return void (await old.destroy());
    // After a thread died, destroy() never resolves (it waits for an exit that already happened):
    // end the threads ourselves and let destroy() release the rest in the background.
    await Promise.all((old.threads as unknown as WatchableWorker[]).map((thread) => thread.terminate()));
    old.destroy().catch(() => undefined);
  });

  return {
    run(task: ChunkTask, signal: AbortSignal): Promise<TaskOutcome> {
      return seats.occupy((seat) => {
        const running = pools.current.run({ ...task, seat }, { signal }) as Promise<TaskOutcome>;
        watchThreads(pools.current);
        return running;
      });
    },
    recover: () => pools.replace(),
    close: () => pools.close(),
  };
}
