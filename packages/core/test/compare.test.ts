import { describe, expect, it } from 'vitest';
import { compareResults } from '../src/index.js';

describe('compareResults', () => {
  it('returns undefined for deeply equal values', () => {
    const value = () => [1, 'a', null, undefined, true, 10n, [2, [3]], { a: 1, b: [{ c: 2 }] }, new Date(5), /x/g];
    expect(compareResults(value(), value())).toBeUndefined();
  });

  it('finds the first differing item of a result array, with the path inside it', () => {
    const expected = [
      { id: 0, tags: ['a'] },
      { id: 1, tags: ['b', 'c'] },
      { id: 2, tags: [] },
    ];
    const actual = [
      { id: 0, tags: ['a'] },
      { id: 1, tags: ['b', 'x'] },
      { id: 9, tags: [] },
    ];
    expect(compareResults(expected, actual)).toEqual({
      index: 1,
      path: '[1].tags[1]',
      expected: 'c',
      actual: 'x',
      reason: 'values differ',
    });
  });

  it('reports a missing item when lengths differ', () => {
    expect(compareResults([1, 2, 3], [1, 2])).toMatchObject({ index: 2, expected: 3, actual: undefined, reason: 'lengths differ (3 vs 2)' });
  });

  it('compares numbers exactly: NaN equals NaN, -0 differs from 0', () => {
    expect(compareResults([Number.NaN], [Number.NaN])).toBeUndefined();
    expect(compareResults([0], [-0])).toMatchObject({ index: 0, reason: 'values differ' });
    expect(compareResults([0.1 + 0.2], [0.3])).toMatchObject({ index: 0 });
  });

  it('ignores the order of object keys but not of array elements', () => {
    expect(compareResults({ a: 1, b: 2 }, { b: 2, a: 1 })).toBeUndefined();
    expect(compareResults([1, 2], [2, 1])).toMatchObject({ index: 0, expected: 1, actual: 2 });
  });

  it('reports missing and unexpected keys', () => {
    expect(compareResults({ a: 1, b: 2 }, { a: 1 })).toMatchObject({ path: '.b', reason: 'key missing' });
    expect(compareResults({ a: 1 }, { a: 1, z: 0 })).toMatchObject({ path: '', reason: 'unexpected key "z"' });
  });

  it('tells types apart, including typed arrays of different kinds', () => {
    expect(compareResults([1], ['1'])).toMatchObject({ reason: 'types differ (number vs string)' });
    expect(compareResults([null], [{}])).toMatchObject({ reason: 'types differ (null vs object)' });
    expect(compareResults(new Float64Array([1]), new Float32Array([1]))).toMatchObject({
      reason: 'types differ (Float64Array vs Float32Array)',
    });
    expect(compareResults(new Float64Array([1, 2]), new Float64Array([1, 3]))).toMatchObject({ path: '[1]', expected: 2, actual: 3 });
  });

  it('compares Maps and Sets in insertion order', () => {
    expect(compareResults(new Map([['a', 1]]), new Map([['a', 1]]))).toBeUndefined();
    expect(compareResults(new Map([['a', 1]]), new Map([['a', 2]]))).toMatchObject({ path: '[0][1]', expected: 1, actual: 2 });
    expect(compareResults(new Set([1, 2]), new Set([2, 1]))).toMatchObject({ path: '[0]' });
  });

  it('has no item index when the compared values are not arrays', () => {
    expect(compareResults({ a: [1] }, { a: [2] })).toMatchObject({ index: undefined, path: '.a[0]' });
  });
});
