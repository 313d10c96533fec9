import { describe, expect, it } from 'vitest';
import { EFFICIENCY_FAULT } from '../src/analysis/efficiency.js';
import { pairedSpeedups } from '../src/analysis/pairing.js';
import { rateRow } from '../src/analysis/rating.js';
import { estimateMedian, relativeHalfWidth } from '../src/analysis/stats.js';
import { faultText } from '../src/report/wording.js';
import { drift, jitter, syntheticRow, syntheticWorkload } from './synthetic.js';

describe('estimateMedian', () => {
  it('takes the order statistics whose coverage is at least 95%, and says what coverage it has', () => {
    const ten = estimateMedian([5, 1, 9, 3, 7, 2, 8, 4, 6, 10]);
    expect(ten).toMatchObject({ median: 5.5, low: 2, high: 9, samples: 10 });
    expect(ten?.coverage).toBeCloseTo(1 - 2 * (11 / 1024), 6);
    // Five samples cannot reach 95%: the full range, with its lower coverage stated.
    expect(estimateMedian([3, 1, 2, 5, 4])).toMatchObject({ low: 1, high: 5, coverage: 1 - 2 / 32 });
    expect(estimateMedian([])).toBeUndefined();
  });
});

describe('rateRow', () => {
  it("pairs each round's times, so a load that comes and goes cancels out of the speed-up", () => {
    const load = drift(12);
    const noise = jitter(12, 0.004);
    const reference = syntheticRow(
      'sequential',
      1,
      load.map((l) => 100 * l),
    );
    const row = syntheticRow(
      'worker-threads',
      2,
      load.map((l, i) => 50 * l * (noise[i] as number)),
    );
    const rated = rateRow(row, syntheticWorkload([reference, row]));
    expect(rated.status).toBe('ok');
    if (rated.status !== 'ok') return;
    expect(rated.figures.speedup.median).toBeCloseTo(2, 1);
    expect(relativeHalfWidth(rated.figures.speedup)).toBeLessThan(0.01);
    // The raw times spread over more than 2×: unpaired, they could say little.
    expect(Math.max(...row.samples.map((s) => s.ms)) / Math.min(...row.samples.map((s) => s.ms))).toBeGreaterThan(2);
    expect(rated).toMatchObject({ status: 'ok', rounds: 12, figures: { cpuRatio: expect.closeTo(0.5, 1) } });
  });

  it("divides each round's speed-up by the capacity of that same round", () => {
    const reference = syntheticRow('sequential', 1, Array(10).fill(100));
    // In busy rounds (capacity 1.2) the row gains only 1.2×; in quiet ones (2.0) it gains 1.9×.
    const busy = (round: number): boolean => round % 2 === 0;
    const row = syntheticRow(
      'worker-threads',
      2,
      Array.from({ length: 10 }, (_, i) => (busy(i + 1) ? 100 / 1.2 : 100 / 1.9)),
    );
    const rated = rateRow(
      row,
      syntheticWorkload([reference, row], (round) => (busy(round) ? 1.2 : 2)),
    );
    expect(rated.figures?.efficiency).toBeGreaterThan(0.94);
    expect(rated.figures?.efficiency).toBeLessThanOrEqual(1);
    expect(rated.figures?.fault).toBeUndefined();
  });

  it('never reports an efficiency above the limit: it is a fault of the measurement, with the reason', () => {
    const reference = syntheticRow('sequential', 1, Array(10).fill(100));
    const row = syntheticRow('worker-threads', 2, Array(10).fill(100 / 2.3));
    const rated = rateRow(
      row,
      syntheticWorkload([reference, row], () => 2),
    );
    expect(2.3 / 2).toBeGreaterThan(EFFICIENCY_FAULT);
    expect(rated.figures?.efficiency).toBeNull();
    expect(rated.figures?.fault?.efficiency).toBeCloseTo(1.15, 5);
    expect(faultText(rated)).toMatch(
      /^efficiency 1\.15 cannot be: speed-up 2\.30× against the 2\.00× this machine could give at 2 workers in the same rounds; a fault of the measurement/,
    );
  });

  it('bounds work that waits by the worker count, not by the CPU capacity', () => {
    // The reference waits: 100 ms of wall time for 1 ms of CPU.
    const reference = syntheticRow('sequential', 1, Array(8).fill(100));
    for (const sample of reference.samples) sample.cpuMs = 1;
    const row = syntheticRow('async', 2, Array(8).fill(51));
    const rated = rateRow(
      row,
      syntheticWorkload([reference, row], () => 1.1),
    );
    expect(rated.figures?.ceiling).toBe(2);
    expect(rated.figures?.efficiency).toBeCloseTo(100 / 51 / 2, 5);
  });

  it('reports a failed row with its error and no figures', () => {
    const reference = syntheticRow('sequential', 1, [10, 10, 10]);
    const row = syntheticRow('cluster', 2, [], { stopped: 'failed', error: { code: 'PARABENCH_WORKER_EXITED', message: 'gone' } });
    expect(rateRow(row, syntheticWorkload([reference, row]))).toMatchObject({
      status: 'error',
      figures: null,
      rounds: 0,
      error: { code: 'PARABENCH_WORKER_EXITED' },
    });
  });

  it('pairs only the rounds both rows took part in', () => {
    const reference = syntheticRow('sequential', 1, [10, 20, 30, 40]);
    const late = syntheticRow('x', 1, [5, 10]);
    late.samples = late.samples.map((s) => ({ ...s, round: s.round + 2 }));
    expect(pairedSpeedups(reference.samples, late.samples)).toEqual([6, 4]);
  });
});
