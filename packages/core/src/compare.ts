/** The first place where two results differ. */
export interface Difference {
  /** Index of the item whose result differs, when the compared values are result arrays. */
  index: number | undefined;
  /** Where inside the value, e.g. `[3].matches[0]`; empty for the values themselves. */
  path: string;
  expected: unknown;
  actual: unknown;
  /** Why they differ, e.g. `values differ`, `lengths differ (3 vs 2)`. */
  reason: string;
}

/**
 * Deep structural equality, stopping at the first difference.
 *
 * - Numbers are exact and compared with `Object.is`: `NaN` equals `NaN`, but `-0` and `0`
 *   differ (structured clone keeps `-0`; a transport that loses it is worth seeing).
 * - Arrays, typed arrays, Maps and Sets compare in order: every transport parabench uses
 *   keeps insertion order, so a different order is a real difference.
 * - Plain objects compare by their own enumerable keys, in any order; prototypes are ignored
 *   because cloning across threads or processes drops them.
 * - Dates by time, RegExps by source and flags, BigInts by value.
 *
 * Returns `undefined` when the two are equal.
 */
export function compareResults(expected: unknown, actual: unknown): Difference | undefined {
  const found = firstDifference(expected, actual, '');
  if (found === undefined) return undefined;
  const match = /^\[(\d+)\]/.exec(found.path);
  const index = Array.isArray(expected) && match?.[1] !== undefined ? Number(match[1]) : undefined;
  return { index, ...found };
}

type Found = Omit<Difference, 'index'>;

function firstDifference(expected: unknown, actual: unknown, path: string): Found | undefined {
  if (Object.is(expected, actual)) return undefined;
  const differ = (reason: string): Found => ({ path, expected, actual, reason });
  const expectedKind = kindOf(expected);
  if (expectedKind !== kindOf(actual)) return differ(`types differ (${expectedKind} vs ${kindOf(actual)})`);

  switch (expectedKind) {
    case 'array':
      return compareSequences(expected as unknown[], actual as unknown[], path);
    case 'typed-array': {
      const [e, a] = [expected as ArrayLike<unknown>, actual as ArrayLike<unknown>];
      if (e.constructor.name !== a.constructor.name) return differ(`types differ (${e.constructor.name} vs ${a.constructor.name})`);
      return compareSequences(e, a, path);
    }
    case 'arraybuffer':
      return compareSequences(new Uint8Array(expected as ArrayBuffer), new Uint8Array(actual as ArrayBuffer), path);
    case 'map':
      return compareSequences([...(expected as Map<unknown, unknown>)], [...(actual as Map<unknown, unknown>)], path);
    case 'set':
      return compareSequences([...(expected as Set<unknown>)], [...(actual as Set<unknown>)], path);
    case 'date':
      return Object.is((expected as Date).getTime(), (actual as Date).getTime()) ? undefined : differ('dates differ');
    case 'regexp':
      return String(expected) === String(actual) ? undefined : differ('regular expressions differ');
    case 'object':
      return compareObjects(expected as Record<string, unknown>, actual as Record<string, unknown>, path, differ);
    default:
      return differ('values differ');
  }
}

function compareSequences(expected: ArrayLike<unknown>, actual: ArrayLike<unknown>, path: string): Found | undefined {
  const shared = Math.min(expected.length, actual.length);
  for (let i = 0; i < shared; i++) {
    // Paths are built only for a difference: results can hold millions of numbers.
    if (Object.is(expected[i], actual[i])) continue;
    const found = firstDifference(expected[i], actual[i], `${path}[${i}]`);
    if (found !== undefined) return found;
  }
  if (expected.length !== actual.length) {
    return {
      path: `${path}[${shared}]`,
      expected: expected[shared],
      actual: actual[shared],
      reason: `lengths differ (${expected.length} vs ${actual.length})`,
    };
  }
  return undefined;
}

function compareObjects(
  expected: Record<string, unknown>,
  actual: Record<string, unknown>,
  path: string,
  differ: (reason: string) => Found,
): Found | undefined {
  const expectedKeys = Object.keys(expected).sort();
  const actualKeys = new Set(Object.keys(actual));
  for (const key of expectedKeys) {
    if (!actualKeys.has(key)) return { path: `${path}.${key}`, expected: expected[key], actual: undefined, reason: 'key missing' };
    const found = firstDifference(expected[key], actual[key], `${path}.${key}`);
    if (found !== undefined) return found;
    actualKeys.delete(key);
  }
  const [extra] = actualKeys;
  return extra === undefined ? undefined : differ(`unexpected key "${extra}"`);
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  if (Array.isArray(value)) return 'array';
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return 'typed-array';
  if (value instanceof ArrayBuffer) return 'arraybuffer';
  if (value instanceof Map) return 'map';
  if (value instanceof Set) return 'set';
  if (value instanceof Date) return 'date';
  if (value instanceof RegExp) return 'regexp';
  return 'object';
}
