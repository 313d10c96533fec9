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

/** A run of results, and the index of the first one that is a promise still to await (-1: none). */
interface LoopOutcome {
  results: unknown[];
  pending: number;
}

type Loop = (workload: Workload, items: ArrayLike<unknown>, context: unknown, fail: (cause: unknown, index: number) => Error) => LoopOutcome;

/**
 * The loop a user would write: call `map` on each item and keep the result, with one try/catch
 * around the whole run (the index of a throw is the loop's own counter) and no closure per item.
 * It stops at the first promise so that only promises are awaited.
 */
const LOOP_BODY = `
  const n = items.length;
  const results = new Array(n);
  let i = 0;
  try {
    for (; i < n; i++) {
      const result = workload.map(items[i], context);
      results[i] = result;
      if (result !== null && (typeof result === 'object' || typeof result === 'function') && typeof result.then === 'function') return { results, pending: i };
    }
  } catch (error) {
    throw fail(error, i);
  }
  return { results, pending: -1 };
`;

const loops = new WeakMap<Workload, Loop>();

/**
 * Each workload gets its own copy of the same fixed source (nothing of the workload's goes into
 * it), because V8 keeps what it learns per function. One loop shared by every workload would see
 * five `map`s, turn megamorphic and stop inlining them (1.6× slower on tiny-tasks), and its one
 * results array would learn a generic elements kind that boxes every number a workload returns
 * (2× slower). A copy learns one workload, as the loop a user writes does.
 */
function loopFor(workload: Workload): Loop {
  let loop = loops.get(workload);
  if (loop === undefined) {
    loop = new Function('workload', 'items', 'context', 'fail', LOOP_BODY) as Loop;
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
  const fail = (cause: unknown, index: number): Error =>
    new ItemFailedError({ backend: options.backend, workload: workload.name, index: offset + index, cause });
  const { results, pending } = loopFor(workload)(workload, items, context, fail);
  return pending === -1 ? results : mapRest(workload, items, context, options, results, pending, fail);
}

/** From the first item whose result was a promise on, one item at a time, awaiting only promises. */
async function mapRest(
  workload: Workload,
  items: ArrayLike<unknown>,
  context: unknown,
  options: MapItemsOptions,
  results: unknown[],
  from: number,
  fail: (cause: unknown, index: number) => Error,
): Promise<unknown[]> {
  results[from] = await Promise.resolve(results[from]).catch((cause: unknown) => {
    throw fail(cause, from);
  });
  for (let i = from + 1; i < items.length; i++) {
    throwIfAborted(workload, options);
    const result = mapItem(workload, items[i], context, options.backend, (options.offset ?? 0) + i);
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
