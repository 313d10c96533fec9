/** A library's pool, replaced whole when it cannot mend itself: see {@link swappable}. */
export interface Swappable<P> {
  /** The pool to run tasks on now. */
  readonly current: P;
  /** Starts a new pool, makes it current, then ends the old one (as broken). */
  replace(): Promise<void>;
  /** Ends the current pool (not broken). */
  close(): Promise<void>;
}

/**
 * For a library that cannot recover a pool after a crash, an abort or a value it could not send:
 * the new pool is made current before the old one is ended, so the next map never waits on the
 * old pool's shutdown, and no task reaches a pool that is going. `end(pool, broken)` ends one pool;
 * `broken` says whether it is being replaced (its workers may never answer a polite shutdown).
 */
export function swappable<P>(create: () => P, end: (pool: P, broken: boolean) => Promise<unknown>): Swappable<P> {
  let current = create();
  return {
    get current() {
      return current;
    },
    async replace() {
      const old = current;
      current = create();
      await end(old, true);
    },
    async close() {
      await end(current, false);
    },
  };
}
