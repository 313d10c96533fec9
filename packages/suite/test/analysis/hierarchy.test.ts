import { describe, expect, it } from 'vitest';
import { forkedEstimate, intervalOf, pooledEstimates } from '../../src/analysis/hierarchy.js';

/** Rounds within forks: `means[f]` plus the round offsets, the same in every fork. */
const forks = (means: readonly number[], offsets: readonly number[] = [-0.01, 0.01]): number[][] => means.map((mean) => offsets.map((offset) => mean + offset));

describe('estimates over forks and rounds', () => {
  it('takes each fork once, and puts the spread between forks into the interval, with forks − 1 degrees of freedom', () => {
    const estimate = forkedEstimate(forks([0.5, 0.6, 0.7]));
    expect(estimate).toMatchObject({ center: expect.closeTo(0.6, 10), forks: 3, values: 6, df: 2 });
    const { low, high } = intervalOf(estimate!, 0.95);
    // t(0.975, 2) = 4.303, standard error 0.1 ÷ √3: far wider than the rounds' ±0.01 alone.
    expect(high - low).toBeCloseTo(2 * 4.303 * (0.1 / Math.sqrt(3)), 3);
  });

  it('falls back to the rounds when the forks agree more closely than their rounds predict', () => {
    const estimate = forkedEstimate(forks([0.5, 0.5001, 0.5], [-0.05, 0.05]));
    expect(estimate?.df).toBe(3);
    expect(estimate?.betweenForks).toBe(0);
  });

  it("pools a workload's rows: the typical row's spread between forks, with their degrees of freedom summed", () => {
    const quiet = [forks([1.0, 1.05, 0.95]), forks([0.8, 0.85, 0.75]), forks([0.5, 0.55, 0.45])];
    const [lucky] = pooledEstimates([forks([0.9, 0.9, 0.9]), ...quiet]);
    // A row whose forks happened to agree still gets the typical spread between processes.
    expect(lucky?.se).toBeGreaterThan(0.025);
    expect(lucky?.df).toBe(8);
  });

  it('keeps a row noisier than the rest on its own, wider variance', () => {
    const typical = [forks([1.0, 1.01, 0.99]), forks([0.8, 0.81, 0.79])];
    const [noisy, quiet] = pooledEstimates([forks([1.0, 1.3, 0.7]), ...typical]);
    expect(noisy?.df).toBe(2);
    expect(noisy?.se).toBeGreaterThan(10 * (quiet?.se ?? 0));
  });

  it('moderates a row measured in only two forks towards the typical one, instead of taking one degree of freedom alone', () => {
    const typical = [forks([1.0, 1.01]), forks([0.8, 0.81]), forks([0.5, 0.51])];
    const [wild] = pooledEstimates([forks([1.0, 1.5]), ...typical]);
    expect(wild?.df).toBeGreaterThan(1);
    const alone = forkedEstimate(forks([1.0, 1.5]));
    expect(alone?.df).toBe(1);
    const width = (estimate: typeof alone): number => {
      const { low, high } = intervalOf(estimate!, 0.95);
      return high - low;
    };
    expect(width(wild)).toBeLessThan(width(alone) / 3);
  });
});
