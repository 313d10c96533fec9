import { describe, expect, it } from 'vitest';
import { defineWorkload, mapItemsPacked } from '../src/index.js';
import { expectResults, pack, unpackInto } from '../src/pool/packing.js';

const numbers = (count: number, from = 0): number[] => Array.from({ length: count }, (_, i) => from + i);

describe('pack', () => {
  it('packs a range of numbers into a Float64Array without losing -0, NaN or fractions', () => {
    const values = [...numbers(100), -0, Number.NaN, 0.1, -1e300, 2 ** 53];
    const packed = pack(values, 40, values.length);
    expect(packed).toBeInstanceOf(Float64Array);
    expect(Array.from(packed)).toEqual(values.slice(40));
    expect(Object.is(packed[60], -0)).toBe(true);
  });

  it('leaves short runs and runs with anything but numbers as arrays', () => {
    expect(pack(numbers(10))).toEqual(numbers(10));
    const mixed = [...numbers(99), '99', ...numbers(20, 100)];
    const packed = pack(mixed, 50, 120);
    expect(Array.isArray(packed)).toBe(true);
    expect(packed).toEqual(mixed.slice(50, 120));
  });

  it('copies a part of an array it cannot pack, and hands back the whole array as it is', () => {
    const mixed = [...numbers(99), '99', ...numbers(20, 100)];
    expect(pack(mixed, 0, 100)).not.toBe(mixed);
    expect(pack(mixed)).toBe(mixed);
  });
});

describe('unpackInto and expectResults', () => {
  it('puts packed and plain runs back in place, whichever kind comes first', () => {
    const target = new Array<unknown>(200);
    const first = pack(numbers(100, 100), 0, 100);
    expectResults(target, first);
    unpackInto(target, 100, first);
    unpackInto(target, 0, [{ a: 1 }, ...numbers(99, 1)]);
    expect(target).toEqual([{ a: 1 }, ...numbers(199, 1)]);
  });
});

describe('mapItemsPacked', () => {
  const calls: number[] = [];
  const workload = defineWorkload<number, number, unknown>({
    name: 'mixed',
    description: 'numbers, then text, a throw and promises',
    generate: () => ({ items: [], context: 0 }),
    map(n, offset) {
      calls.push(n);
      if (n === 13) throw new Error('unlucky');
      if (n % 50 === 49) return `text ${n}`;
      if (n >= 500) return Promise.resolve(n + offset);
      return n + offset;
    },
  });

  it('returns numbers as one Float64Array', async () => {
    const items = numbers(100, 100).map((n) => (n % 50 === 49 ? n + 1 : n));
    const results = await mapItemsPacked(workload, items, 1, { backend: 'b' });
    expect(results).toBeInstanceOf(Float64Array);
    expect(Array.from(results)).toEqual(items.map((n) => n + 1));
  });

  it('goes on in the plain loop at the first result that is not a number, calling map once per item', async () => {
    calls.length = 0;
    const items = numbers(100, 20);
    const results = await mapItemsPacked(workload, items, 1, { backend: 'b' });
    expect(results).toEqual(items.map((n) => (n % 50 === 49 ? `text ${n}` : n + 1)));
    expect(calls).toEqual(items);
  });

  it('awaits a promise met in the numbers loop, and those after it', async () => {
    calls.length = 0;
    const items = [495, 496, 497, 498, 500, 501, 502];
    await expect(mapItemsPacked(workload, items, 0, { backend: 'b' })).resolves.toEqual(items);
    expect(calls).toEqual(items);
  });

  it('names the failing item by its index in the whole map', async () => {
    const error = await mapItemsPacked(workload, numbers(20), 0, { backend: 'b', offset: 1000 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PARABENCH_ITEM_FAILED', backend: 'b', workload: 'mixed', index: 1013 });
  });
});
