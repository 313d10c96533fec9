import { describe, expect, it } from 'vitest';
import { mapItems } from '@parabench/core';
import membership, { contains, type Vector } from '../src/workloads/membership.js';

describe('membership', () => {
  it('matches a small hand-checked case', async () => {
    const items: Vector[] = [
      [1, 2, 3, 4, 5],
      [0, 0, 0, 0, 0],
      [5, 4, 3, 2, 1],
      [1, 2, 3, 4, 5],
    ];
    const against: Vector[] = [
      [9, 9, 9, 9, 9],
      [1, 2, 3, 4, 5],
      [0, 0, 0, 0, 1],
    ];
    const found = (await mapItems(membership, items, against, { backend: 'test' })) as boolean[];
    expect(found).toEqual([true, false, false, true]);
    expect(membership.reduce?.(found, items)).toEqual([
      [1, 2, 3, 4, 5],
      [1, 2, 3, 4, 5],
    ]);
  });

  it('treats vectors of other lengths as different', () => {
    expect(contains([[1, 2, 3]], [1, 2, 3, 0, 0])).toBe(false);
    expect(contains([], [1])).toBe(false);
  });

  it('agrees with a direct check on a generated input', async () => {
    const { items, context } = membership.generate({ size: 'default', seed: 11 });
    const known = new Set(context.map((vec) => vec.join()));
    const direct = items.filter((vec) => known.has(vec.join()));
    const found = (await mapItems(membership, items, context, { backend: 'test' })) as boolean[];
    expect(membership.reduce?.(found, items)).toEqual(direct);
    expect(direct.length).toBeGreaterThan(0);
  });

  it("generates the notebook's shape: 20,000 × 5 ints in [0, 20) against 20,000 more", () => {
    const { items, context } = membership.generate({ size: 'default', seed: 1 });
    expect(items).toHaveLength(20_000);
    expect(context).toHaveLength(20_000);
    const values = [...items, ...context].flat();
    expect(values).toHaveLength(200_000);
    expect(values.every((v) => Number.isInteger(v) && v >= 0 && v < 20)).toBe(true);
  });

  it('is a pure function of (size, seed)', () => {
    expect(membership.generate({ size: 'quick', seed: 5 })).toEqual(membership.generate({ size: 'quick', seed: 5 }));
    expect(membership.generate({ size: 'quick', seed: 5 })).not.toEqual(membership.generate({ size: 'quick', seed: 6 }));
  });
});
