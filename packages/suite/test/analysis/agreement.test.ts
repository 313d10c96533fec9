import { describe, expect, it } from 'vitest';
import { agreementOf, type RunAnswer } from '../../src/analysis/agreement.js';

const interval = (median: number, half = 0.05) => ({ median, low: median - half, high: median + half });
const answer = (over: Partial<RunAnswer>): RunAnswer => ({
  workload: 'w',
  outcome: 'pays',
  fastest: 'a × 2',
  contenders: ['a × 2'],
  decided: ['a × 2'],
  speedups: new Map([['a × 2', interval(1.9)]]),
  ...over,
});

describe('how far runs agree', () => {
  it("agrees when each run's fastest is the fastest, equivalent or undecided in the others", () => {
    const runs = [
      [answer({ contenders: ['a × 2', 'b × 2'] })],
      [answer({ fastest: 'b × 2', contenders: ['b × 2', 'a × 2'], decided: ['b × 2'] })],
      [answer({ outcome: 'undecided', fastest: undefined, contenders: [], decided: [] })],
    ];
    expect(agreementOf(runs).workloads[0]?.verdictsAgree).toBe(true);
  });

  it("disagrees when a run's fastest is out of the running in another, or 'does not pay' comes in some runs only", () => {
    expect(agreementOf([[answer({})], [answer({ fastest: 'b × 2', contenders: ['b × 2'] })]]).workloads[0]?.verdictsAgree).toBe(false);
    expect(agreementOf([[answer({})], [answer({ outcome: 'does-not-pay', fastest: undefined, contenders: [] })]]).workloads[0]?.verdictsAgree).toBe(false);
  });

  it("counts, for each row and ordered pair of runs, whether one run's interval held the other's estimate", () => {
    const runs = [1.9, 1.93, 2.2].map((median) => [answer({ speedups: new Map([['a × 2', interval(median)]]) })]);
    const { calibration, workloads } = agreementOf(runs);
    // 1.9 holds 1.93; 1.93 holds 1.9; nothing holds 2.2 and 2.2 holds neither: 2 of 6.
    expect(calibration).toEqual({ held: 2, pairs: 6 });
    expect(workloads[0]?.drift).toEqual([{ row: 'a × 2', largest: expect.closeTo(2.2 / 1.9 - 1, 10) }]);
  });
});
