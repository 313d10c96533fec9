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

/** Numbers written straight into a typed array, up to `stop`: the first item whose result was not a number (-1: none). */
interface NumbersOutcome {
  numbers: Float64Array;
  stop: number;
  result: unknown;
}

type Fail = (cause: unknown, index: number) => Error;
type Loop = (workload: Workload, items: ArrayLike<unknown>, context: unknown, fail: Fail, results: unknown[] | undefined, from: number) => LoopOutcome;
type NumbersLoop = (workload: Workload, items: ArrayLike<unknown>, context: unknown, fail: Fail) => NumbersOutcome;

/**
 * The loop a user would write: call `map` on each item and keep the result, with one try/catch
 * around the whole run (the index of a throw is the loop's own counter) and no closure per item.
 * It stops at the first promise so that only promises are awaited. It can take over a run that
 * another loop began (`results` filled below `from`).
 */
const LOOP_BODY = `
  const n = items.length;
  if (results === undefined) results = new Array(n);
  let i = from;
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

/**
 * The same loop for a worker that sends numbers back packed: results go straight into the typed
 * array that travels, with no array of results built first and copied after.
 */
const NUMBERS_BODY = `
  const n = items.length;
  const numbers = new Float64Array(n);
  let i = 0;
  try {
    for (; i < n; i++) {
      const result = workload.map(items[i], context);
      if (typeof result !== 'number') return { numbers, stop: i, result };
      numbers[i] = result;
    }
  } catch (error) {
    throw fail(error, i);
  }
  return { numbers, stop: -1, result: undefined };
`;

const loops = new WeakMap<Workload, { loop: Loop; numbers: NumbersLoop }>();

/**
 * Each workload gets its own copy of the same fixed source (nothing of the workload's goes into
 * it), because V8 keeps what it learns per function. One loop shared by every workload would see
 * five `map`s, turn megamorphic and stop inlining them (1.6× slower on tiny-tasks), and its one
 * results array would learn a generic elements kind that boxes every number a workload returns
 * (2× slower). A copy learns one workload, as the loop a user writes does.
 */
function loopsFor(workload: Workload): { loop: Loop; numbers: NumbersLoop } {
  let compiled = loops.get(workload);
  if (compiled === undefined) {
    compiled = {
      loop: new Function('workload', 'items', 'context', 'fail', 'results', 'from', LOOP_BODY) as Loop,
      numbers: new Function('workload', 'items', 'context', 'fail', NUMBERS_BODY) as NumbersLoop,
    };
    loops.set(workload, compiled);
  }
  return compiled;
}

/**
 * Maps a run of items in order, the way the sequential reference and every backend's worker side
 * do: plain results are taken in one tight loop, only promises are awaited, and a failure becomes
 * an {@link ItemFailedError} naming the item's index in the whole call.
 */
export async function mapItems(workload: Workload, items: ArrayLike<unknown>, context: unknown, options: MapItemsOptions): Promise<unknown[]> {
  throwIfAborted(workload, options);
  const fail = failAt(workload, options);
  const { results, pending } = loopsFor(workload).loop(workload, items, context, fail, undefined, 0);
  return pending === -1 ? results : mapRest(workload, items, context, options, results, pending, fail);
}

/**
 * {@link mapItems} for a worker that packs numbers: all-number results come back as one
 * Float64Array; at the first result that is not a number the run goes on in the plain loop,
 * so `map` is still called once per item.
 */
export async function mapItemsPacked(
  workload: Workload,
  items: ArrayLike<unknown>,
  context: unknown,
  options: MapItemsOptions,
): Promise<unknown[] | Float64Array> {
  throwIfAborted(workload, options);
  const fail = failAt(workload, options);
  const compiled = loopsFor(workload);
  const { numbers, stop, result } = compiled.numbers(workload, items, context, fail);
  if (stop === -1) return numbers;
  const taken = new Array<unknown>(items.length);
  for (let i = 0; i < stop; i++) taken[i] = numbers[i];
  taken[stop] = result;
  if (isThenable(result)) return mapRest(workload, items, context, options, taken, stop, fail);
  const { results, pending } = compiled.loop(workload, items, context, fail, taken, stop + 1);
  return pending === -1 ? results : mapRest(workload, items, context, options, results, pending, fail);
}

function failAt(workload: Workload, options: MapItemsOptions): Fail {
  const offset = options.offset ?? 0;
  return (cause, index) => new ItemFailedError({ backend: options.backend, workload: workload.name, index: offset + index, cause });
}

/** From the first item whose result was a promise on, one item at a time, awaiting only promises. */
async function mapRest(
  workload: Workload,
  items: ArrayLike<unknown>,
  context: unknown,
  options: MapItemsOptions,
  results: unknown[],
  from: number,
  fail: Fail,
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
