import { AbortedError, ItemFailedError } from './errors.js';
import type { Workload } from './workload.js';

export interface MapItemsOptions {
  /** Backend name, for errors. */
  backend: string;
  /** Index of `items[0]` in the whole `map` call, so errors name the right item. @default 0 */
  offset?: number;
  /** Checked before the run, and between items once a result had to be awaited. */
  signal?: AbortSignal | undefined;
}

type Loop = (workload: Workload, items: ArrayLike<unknown>, context: unknown, results: unknown[]) => number;

/**
 * The body of the loop a user would write: call `map` on each item, keep the result, stop at the
 * first promise (stored, and its index returned) so that only promises are awaited. No closure
 * and no try/catch per item: after a throw, the caller's one try/catch finds the failing index as
 * the first slot the loop had not filled.
 */
const LOOP_BODY = `
  const n = items.length;
  for (let i = 0; i < n; i++) {
    const result = workload.map(items[i], context);
    results[i] = result;
    if (result !== null && (typeof result === 'object' || typeof result === 'function') && typeof result.then === 'function') return i;
  }
  return n;
`;

const loops = new WeakMap<Workload, Loop>();

/**
 * V8 keeps type feedback per function: one loop shared by every workload sees five `map`s, turns
 * megamorphic and stops inlining them, while the loop a user writes calls one `map` and inlines
 * it. So each workload gets a copy of the same fixed source (nothing of the workload's goes into
 * it), and on tiny items the harness costs what a plain `for` loop costs.
 */
function loopFor(workload: Workload): Loop {
  let loop = loops.get(workload);
  if (loop === undefined) {
    loop = new Function('workload', 'items', 'context', 'results', LOOP_BODY) as Loop;
    loops.set(workload, loop);
  }
  return loop;
}

/**
 * Maps a run of items in order, the way the sequential reference and every backend's worker side
 * do: plain results are taken in one tight loop, only promises are awaited, and a failure becomes
 * an {@link ItemFailedError} naming the item's index in the whole call.
 */
export async function mapItems(
  workload: Workload,
  items: ArrayLike<unknown>,
  context: unknown,
  options: MapItemsOptions,
): Promise<unknown[]> {
  const offset = options.offset ?? 0;
  throwIfAborted(workload, options);
  const results: unknown[] = new Array<unknown>(items.length);
  let stoppedAt: number;
  try {
    stoppedAt = loopFor(workload)(workload, items, context, results);
  } catch (error) {
    // The loop had stored every result before the one that threw.
    throw new ItemFailedError({ backend: options.backend, workload: workload.name, index: offset + failedIndex(results, items.length), cause: error });
  }
  if (stoppedAt === items.length) return results;
  return mapRest(workload, items, context, options, results, stoppedAt);
}

/** Where the synchronous loop threw: the first slot it had not filled. */
function failedIndex(results: unknown[], length: number): number {
  for (let i = 0; i < length; i++) if (!(i in results)) return i;
  return length;
}

/** From the first item whose result was a promise on, one item at a time, awaiting only promises. */
async function mapRest(
  workload: Workload,
  items: ArrayLike<unknown>,
  context: unknown,
  options: MapItemsOptions,
  results: unknown[],
  from: number,
): Promise<unknown[]> {
  const offset = options.offset ?? 0;
  for (let i = from; i < items.length; i++) {
    let result: unknown;
    if (i === from) {
      result = Promise.resolve(results[i]).catch((cause: unknown) => {
        throw new ItemFailedError({ backend: options.backend, workload: workload.name, index: offset + i, cause });
      });
    } else {
      throwIfAborted(workload, options);
      result = mapItem(workload, items[i], context, options.backend, offset + i);
    }
    results[i] = isThenable(result) ? await result : result;
  }
  return results;
}

/** Maps one item; wraps a throw or rejection in an {@link ItemFailedError}. */
export function mapItem(workload: Workload, item: unknown, context: unknown, backend: string, index: number): unknown {
  const fail = (cause: unknown): never => {
    throw new ItemFailedError({ backend, workload: workload.name, index, cause });
  };
  let result: unknown;
  try {
    result = workload.map(item, context);
  } catch (error) {
    fail(error);
  }
  return isThenable(result) ? Promise.resolve(result).catch(fail) : result;
}

function throwIfAborted(workload: Workload, options: MapItemsOptions): void {
  if (options.signal?.aborted === true) {
    throw new AbortedError({ backend: options.backend, workload: workload.name, cause: options.signal.reason });
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
