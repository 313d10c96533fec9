/**
 * Runs of plain numbers travel as one Float64Array: structured clone and V8 serialization copy
 * an array of numbers element by element (tens of nanoseconds each), a typed array as one block,
 * and between threads it can be transferred outright. Lossless: every JS number is a float64,
 * `-0` and `NaN` included.
 */
export type Packed = unknown[] | Float64Array;

/** Below this many values the scan and the copy cost more than they save. */
export const MIN_PACKED = 64;

/**
 * `values.slice(start, end)`, packed when every value in it is a number. The range is read in
 * place: a chunk of a million-item map costs one copy, not a slice and then a copy. A range that
 * is all of `values` and cannot be packed is `values` itself: it is about to be cloned anyway.
 */
export function pack(values: readonly unknown[], start = 0, end = values.length): Packed {
  const unpacked = (): unknown[] => (start === 0 && end === values.length ? (values as unknown[]) : values.slice(start, end));
  if (end - start < MIN_PACKED) return unpacked();
  const packed = new Float64Array(end - start);
  for (let i = start; i < end; i++) {
    const value = values[i];
    if (typeof value !== 'number') return unpacked();
    packed[i - start] = value;
  }
  return packed;
}

/**
 * Readies the results array for the first run that came back: when it is packed numbers, the
 * array's storage is converted to doubles once, here, rather than in the middle of the copy loop
 * that meets the first double (6 ms instead of 13–17 ms for a million numbers). The placeholder
 * at 0 is overwritten by the run that starts there; any other kind of result later converts the
 * storage again, so a wrong guess costs time, never correctness.
 */
export function expectResults(results: unknown[], first: Packed): void {
  if (first instanceof Float64Array && results.length > 0) results[0] = 0.5;
}

/**
 * Copies a packed run into `target` from `offset` on. Each kind gets a loop of its own, so that
 * each loop reads one kind of array and V8 keeps it monomorphic (a shared loop over both kinds
 * was twice as slow on a million numbers).
 */
export function unpackInto(target: unknown[], offset: number, packed: Packed): void {
  if (packed instanceof Float64Array) copyNumbers(target, offset, packed);
  else copyValues(target, offset, packed);
}

function copyNumbers(target: unknown[], offset: number, source: Float64Array): void {
  for (let i = 0; i < source.length; i++) target[offset + i] = source[i];
}

function copyValues(target: unknown[], offset: number, source: unknown[]): void {
  for (let i = 0; i < source.length; i++) target[offset + i] = source[i];
}

/** Whether a packed run came from numbers only, whose buffer is all there is to transfer. */
export function isPackedNumbers(packed: Packed): packed is Float64Array {
  return packed instanceof Float64Array;
}

/** ArrayBuffers in a packed run, for a transfer list. */
export function packedBuffers(packed: Packed): ArrayBuffer[] {
  return packed instanceof Float64Array && packed.buffer instanceof ArrayBuffer ? [packed.buffer] : [];
}
