import { AbortedError, ItemFailedError } from './errors.js';
import type { Workload } from './workload.js';

export interface MapItemsOptions {
  /** Backend name, for errors. */
  backend: string;
  /** Index of `items[0]` in the whole `map` call, so errors name the right item. @default 0 */
  offset?: number;
  /** Checked before each item. */
  signal?: AbortSignal | undefined;
}

/**
 * Maps a run of items in order, the way every backend's worker side does: synchronous
 * results are taken as they come (no microtask per item), promises are awaited, and a
 * failure becomes an {@link ItemFailedError} naming the item's index in the whole call.
 */
export async function mapItems(
  workload: Workload,
  items: ArrayLike<unknown>,
  context: unknown,
  options: MapItemsOptions,
): Promise<unknown[]> {
  const offset = options.offset ?? 0;
  const results = new Array<unknown>(items.length);
  for (let i = 0; i < items.length; i++) {
    if (options.signal?.aborted === true) {
      throw new AbortedError({ backend: options.backend, workload: workload.name, cause: options.signal.reason });
    }
    const result = mapItem(workload, items[i], context, options.backend, offset + i);
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

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
