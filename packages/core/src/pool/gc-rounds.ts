import { deferred } from '../deferred.js';
import { trySend, type Slot } from './pool-state.js';

/** A worker that dies during a collection never answers: wait for it this long at most. */
const GC_ANSWER_MS = 2000;

/** Collections in the pool's idle workers: each is asked to `gc()` and the round ends when all have answered. */
export function createGcRounds(): { collect(slots: readonly Slot[]): Promise<void>; answered(): void } {
  let round: { answered(): void } | undefined;
  return {
    async collect(slots) {
      const all = deferred<void>();
      let waiting = slots.length;
      round = { answered: () => void (--waiting <= 0 && all.resolve()) };
      if (waiting === 0) all.resolve();
      for (const slot of slots) trySend(slot, { type: 'gc' });
      await Promise.race([all.promise, new Promise((resolve) => setTimeout(resolve, GC_ANSWER_MS).unref())]);
      round = undefined;
    },
    answered: () => round?.answered(),
  };
}
