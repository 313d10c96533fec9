import type { Seats } from './seats.js';
import type { ChunkTask, TaskOutcome } from './task.js';
import type { TaskTransport } from './task-pool.js';
import type { Seat } from './seat-board.js';

/** A pool library's pool, as `replaceablePool` drives it. */
export interface ReplaceablePoolSpec<P> {
  /** Starts a pool. Its exit handlers should ignore exits once `isRetired()` is true: the pool is being ended on purpose. */
  create(isRetired: () => boolean): P;
  /** Runs one task, carrying its seat, on the pool. */
  run(pool: P, task: ChunkTask & { seat: Seat }, signal: AbortSignal): Promise<TaskOutcome>;
  /** Ends every worker of the pool at once, stuck or not. */
  endWorkers(pool: P): Promise<void>;
  /** The library's own shutdown, begun before the workers are ended: it may wait for answers ended workers never give, so it is not awaited. */
  destroy(pool: P): Promise<unknown>;
}

/**
 * The transport for a pool library that never settles a dead worker's task and cannot stop a
 * task that never yields: each task is seated (a worker's exit fails exactly its tasks through
 * `seats.failWorker`), and after a crash or an abort the pool is replaced, the old one's workers
 * ended before its own shutdown, which would otherwise wait on them forever.
 */
export function replaceablePool<P extends object>(seats: Seats, spec: ReplaceablePoolSpec<P>): TaskTransport {
  const retired = new WeakSet<P>();
  const create = (): P => {
    let pool: P | undefined;
    pool = spec.create(() => pool !== undefined && retired.has(pool));
    return pool;
  };
  const retire = async (old: P): Promise<void> => {
    retired.add(old);
    // The library's shutdown begins first, so that it knows it is ending before its workers die:
    // a pool that sees a worker exit while it thinks it is running forks a replacement (poolifier does).
    const ending = spec.destroy(old).catch(() => undefined);
    await spec.endWorkers(old);
    void ending;
  };
  let pool = create();
  return {
    run: (task, signal) => seats.occupy((seat) => spec.run(pool, { ...task, seat }, signal)),
    async recover() {
      const broken = pool;
      pool = create();
      await retire(broken);
    },
    async close() {
      await retire(pool);
      seats.close();
    },
  };
}
