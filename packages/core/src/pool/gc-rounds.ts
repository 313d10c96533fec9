import { deferred } from '../deferred.js';
import { trySend, type PoolWorker } from './pool-state.js';

/** A worker that dies during a collection never answers: wait for it this long at most. */
const GC_ANSWER_MS = 2000;

/** Collections in the pool's idle workers: each is asked to `gc()` and the round ends when all have answered. */
export function createGcRounds(): { collect(poolWorkers: readonly PoolWorker[]): Promise<void>; answered(): void } {
  let round: { answered(): void } | undefined;
  return {
    async collect(poolWorkers) {
      const all = deferred<void>();
      let waiting = poolWorkers.length;
      round = { answered: () => void (--waiting <= 0 && all.resolve()) };
      if (waiting === 0) all.resolve();
      for (const poolWorker of poolWorkers) trySend(poolWorker, { type: 'gc' });
      await Promise.race([all.promise, new Promise((resolve) => setTimeout(resolve, GC_ANSWER_MS).unref())]);
      round = undefined;
    },
    answered: () => round?.answered(),
  };
}
