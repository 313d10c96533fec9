import { describe, expect, it } from 'vitest';
import { createRandom } from '../src/index.js';

const draw = (seed: number, count = 1000): number[] => {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => random.int(0, 20));
};

describe('createRandom', () => {
  it('gives the same stream for the same seed', () => {
    expect(draw(42)).toEqual(draw(42));
  });

  it('gives different streams for different seeds', () => {
    expect(draw(1)).not.toEqual(draw(2));
  });

  it('stays inside the requested range and reaches both ends', () => {
    const values = draw(7, 5000);
    expect(Math.min(...values)).toBe(0);
    expect(Math.max(...values)).toBe(19);
  });

  it('returns floats in [0, 1)', () => {
    const random = createRandom(3);
    const floats = Array.from({ length: 1000 }, () => random.next());
    expect(floats.every((f) => f >= 0 && f < 1)).toBe(true);
    expect(new Set(floats).size).toBeGreaterThan(990);
  });

  it('rejects seeds and ranges that are not integers', () => {
    expect(() => createRandom(1.5)).toThrow(expect.objectContaining({ code: 'PARABENCH_INVALID_OPTIONS' }));
    expect(() => createRandom(1).int(5, 5)).toThrow(/min < maxExclusive/);
  });
});
