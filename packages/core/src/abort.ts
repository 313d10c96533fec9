/**
 * Settles like `promise`, or rejects with `reason()` as soon as `signal` aborts (at once when it
 * already has), whether or not the work behind the promise can be stopped; the listener goes
 * when the promise settles. Without a signal, `promise` itself.
 */
export function settleOnAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined, reason: () => unknown): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) {
    promise.catch(() => undefined); // its outcome no longer matters to anyone
    return Promise.reject(reason());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(reason());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * Settles like `promise`, or rejects with `reason()` after `ms`, whether or not the work behind
 * the promise can be stopped. The timer holds the process open, so that work which hangs ends in
 * this error rather than in a silent exit; it goes when the promise settles.
 */
export function settleWithin<T>(promise: Promise<T>, ms: number, reason: () => unknown): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(reason()), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}
