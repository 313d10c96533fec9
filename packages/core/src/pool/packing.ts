/**
 * Runs of plain numbers travel as one Float64Array: structured clone and V8 serialization copy
 * an array of numbers element by element (tens of nanoseconds each), a typed array as one block,
 * and between threads it can be transferred outright. Lossless: every JS number is a float64,
 * `-0` and `NaN` included.
 */
export type Packed = unknown[] | Float64Array;

/** Below this many values the scan and the copy cost more than they save. */
const MIN_PACKED = 64;

export function pack(values: readonly unknown[]): Packed {
  if (values.length < MIN_PACKED) return values as unknown[];
  for (let i = 0; i < values.length; i++) if (typeof values[i] !== 'number') return values as unknown[];
  return Float64Array.from(values as readonly number[]);
}

/** ArrayBuffers in a packed run, for a transfer list. */
export function packedBuffers(packed: Packed): ArrayBuffer[] {
  return packed instanceof Float64Array && packed.buffer instanceof ArrayBuffer ? [packed.buffer] : [];
}
