import { serialize } from 'node:v8';
import { NotCloneableError, type ErrorSite } from '@parabench/core';

/**
 * v8-serializes `values[from..to)` (what a thread's structured clone would carry). When that
 * fails, the error names the first value that cannot be sent (`what`: 'an item', 'a result').
 */
export function encodeSlice(values: readonly unknown[], from: number, to: number, what: string, site: ErrorSite): Buffer {
  const slice = values.slice(from, to);
  try {
    return serialize(slice);
  } catch (error) {
    const bad = slice.findIndex((value) => !serializable(value));
    const index = bad === -1 ? from : from + bad;
    throw new NotCloneableError(what, { ...site, index, cause: error });
  }
}

/** v8-serializes one value, or throws `PARABENCH_NOT_CLONEABLE` naming `what`. */
export function encodeValue(value: unknown, what: string, site: ErrorSite): Buffer {
  try {
    return serialize(value);
  } catch (error) {
    throw new NotCloneableError(what, { ...site, cause: error });
  }
}

function serializable(value: unknown): boolean {
  try {
    serialize(value);
    return true;
  } catch {
    return false;
  }
}
