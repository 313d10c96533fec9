import { AbortedError, isParabenchError, messageOf, ServiceUnavailableError, settleOnAbort, settleWithin, type ErrorSite } from '@parabench/core';

/** Pause between attempts while Redis is away. */
const RETRY_MS = 200;

/**
 * Retries `attempt` while Redis fails, for at most `timeoutMs` in all, then fails with
 * `PARABENCH_SERVICE_UNAVAILABLE` naming Redis and what was being done; a parabench error from
 * `attempt` is an answer and passes through. Rejects with
 * `PARABENCH_ABORTED` as soon as `signal` aborts; an attempt left running is ignored.
 */
export async function untilRedis<T>(
  attempt: () => Promise<T>,
  what: string,
  options: { timeoutMs: number; redis: string; site: ErrorSite; signal?: AbortSignal | undefined },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    try {
      return await abortable(withTimeout(attempt(), Math.max(1, deadline - Date.now())), options.signal, options.site);
    } catch (error) {
      if (isParabenchError(error)) throw error; // an answer, not Redis being away
      if (Date.now() + RETRY_MS >= deadline) {
        throw new ServiceUnavailableError(`${options.redis} did not answer for ${Math.round(options.timeoutMs / 1000)} s while ${what}: ${messageOf(error)}`, {
          ...options.site,
          cause: error,
        });
      }
      await abortable(new Promise((resolve) => setTimeout(resolve, RETRY_MS)), options.signal, options.site);
    }
  }
}

/** Settles like `promise`, or rejects with `PARABENCH_ABORTED` when `signal` aborts first. */
export const abortable = <T>(promise: Promise<T>, signal: AbortSignal | undefined, site: ErrorSite): Promise<T> =>
  settleOnAbort(promise, signal, () => new AbortedError({ ...site, cause: signal?.reason }));

/** Settles like `promise`, or rejects after `ms`; the promise itself is left to settle unobserved. */
export const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T> => settleWithin(promise, ms, () => new Error(`no answer within ${ms} ms`));

/** Runs a clean-up step that must not hold anything up: bounded, errors ignored. */
export const bestEffort = (promise: Promise<unknown>, ms = 2000): Promise<void> =>
  withTimeout(promise, ms).then(
    () => undefined,
    () => undefined,
  );
