import { describe, expect, it } from 'vitest';
import { mapItems } from '@parabench/core';
import sumRange, { sumBelow } from '../src/workloads/sum-range.js';

describe('sum-range', () => {
  it('sums 0..n-1', () => {
    expect([0, 1, 2, 5, 100].map(sumBelow)).toEqual([0, 0, 1, 10, 4950]);
    expect(sumBelow(10_000_000)).toBe(49_999_995_000_000);
  });

  it("has the notebook's shape at default size: 64 items of 10,000,000", () => {
    const { items } = sumRange.generate({ size: 'default', seed: 1 });
    expect(items).toHaveLength(64);
    expect(new Set(items)).toEqual(new Set([10_000_000]));
  });

  it("reduces the default size to the notebook's total, 3,199,999,680,000,000", () => {
    const { items } = sumRange.generate({ size: 'default', seed: 1 });
    const perItem = sumBelow(10_000_000);
    expect(
      sumRange.reduce?.(
        items.map(() => perItem),
        items,
      ),
    ).toBe(3_199_999_680_000_000);
  });

  it('maps its quick input to the closed form n(n-1)/2', async () => {
    const { items, context } = sumRange.generate({ size: 'quick', seed: 1 });
    const results = await mapItems(sumRange, items, context, { backend: 'test' });
    expect(results).toEqual(items.map((n) => (n * (n - 1)) / 2));
  });
});
