import { describe, expect, it } from 'vitest';
import { rateWorkload } from '../src/analysis/rate-workload.js';
import { decideVerdict } from '../src/analysis/verdict.js';
import type { RowMeasurement } from '../src/model/index.js';
import { verdictText } from '../src/report/wording.js';
import { drift, jitter, syntheticRow, syntheticWorkload } from './synthetic.js';

const N = 12;
const load = drift(N);
/** A row whose time in each round is `reference ÷ speedup`, with noise of its own. */
const rowAt = (backend: string, speedup: number, spread: number, phase: number): RowMeasurement => {
  const noise = jitter(N, spread, phase);
  return syntheticRow(
    backend,
    2,
    load.map((l, i) => ((100 * l) / speedup) * (noise[i] as number)),
  );
};
const reference = (): RowMeasurement =>
  syntheticRow(
    'sequential',
    1,
    load.map((l) => 100 * l),
  );

describe('decideVerdict', () => {
  it('names a clear winner with its interval, and nothing tied', () => {
    const run = rateWorkload(syntheticWorkload([reference(), rowAt('fast', 1.95, 0.005, 0), rowAt('slow', 1.5, 0.005, 1)]));
    expect(run.verdict).toMatchObject({ outcome: 'winner', winner: { backend: 'fast', workers: 2, speedup: expect.closeTo(1.95, 1) }, tied: [] });
    expect(run.verdict.outcome === 'winner' && run.verdict.winner.interval[0]).toBeGreaterThan(1.9);
    expect(verdictText(run.verdict, false)).toMatch(/^fast × 2 is fastest: 1\.9\d× the plain loop \[1\.\d\d–1\.\d\d\]; nothing else is within the noise\.$/);
  });

  it('calls two rows tied when the rounds cannot tell them apart', () => {
    const run = rateWorkload(syntheticWorkload([reference(), rowAt('a', 1.9, 0.03, 0), rowAt('b', 1.89, 0.03, 2), rowAt('c', 1.2, 0.01, 4)]));
    const { verdict } = run;
    if (verdict.outcome !== 'winner') throw new Error(`expected a winner, got ${verdict.outcome}`);
    expect(verdict.winner.backend).toMatch(/^[ab]$/);
    expect(verdict.tied).toEqual([{ backend: verdict.winner.backend === 'a' ? 'b' : 'a', workers: 2 }]);
    expect(verdictText(verdict, false)).toMatch(/; tied with [ab] × 2\.$/);
  });

  it('says plainly when nothing beats the loop, naming the combinations that match it', () => {
    const run = rateWorkload(syntheticWorkload([reference(), rowAt('same', 1.0, 0.02, 0), rowAt('slower', 0.4, 0.01, 1)]));
    expect(run.verdict).toMatchObject({ outcome: 'no-gain', likeTheLoop: [{ backend: 'same', workers: 2 }] });
    expect(verdictText(run.verdict, false)).toMatch(/^Nothing beats the plain loop: parallelising w does not pay on this machine \(best: same × 2 at /);
  });

  it('leaves out a row whose efficiency cannot be true, and says so', () => {
    // One worker 1.5× faster than the loop on the same work: the reference was slowed, not a result.
    const impossible = syntheticRow(
      'odd',
      1,
      load.map((l) => (100 * l) / 1.5),
    );
    const run = rateWorkload(syntheticWorkload([reference(), impossible, rowAt('real', 1.3, 0.005, 1)]));
    expect(run.rows[1]?.figures?.fault?.efficiency).toBeGreaterThan(1.05);
    expect(run.verdict).toMatchObject({ outcome: 'winner', winner: { backend: 'real', workers: 2 }, tied: [], faults: [{ backend: 'odd', workers: 1 }] });
    expect(verdictText(run.verdict, false)).toMatch(/^real × 2 is fastest: .*\. Left out as faults of the measurement: odd × 1\.$/);
  });

  it('gives no answer, and says so, when every combination failed', () => {
    const failed = (backend: string): RowMeasurement =>
      syntheticRow(backend, 2, [], { stopped: 'failed', error: { code: 'PARABENCH_ITEM_FAILED', message: 'boom' } });
    const measurement = syntheticWorkload([reference(), failed('a'), failed('b')]);
    const run = rateWorkload(measurement);
    expect(run.rows.slice(1).every((row) => row.status === 'error')).toBe(true);
    expect(run.verdict).toMatchObject({ outcome: 'no-answer' });
    expect(verdictText(run.verdict, false)).toMatch(/^No combination completed/);
  });

  it('on a drifting machine, ranks by paired speed-up where unpaired times would rank the other way', () => {
    // Quiet rounds 1–6, twice as slow 7–12. "early" stopped after round 6; "late" ran all 12.
    const slow = (round: number): number => (round > 6 ? 2 : 1);
    const ref = syntheticRow(
      'sequential',
      1,
      Array.from({ length: N }, (_, i) => 100 * slow(i + 1)),
    );
    const early = syntheticRow(
      'early',
      2,
      Array.from({ length: 6 }, (_, i) => 60 * slow(i + 1) * (1 + 0.001 * i)),
    );
    const late = syntheticRow(
      'late',
      2,
      Array.from({ length: N }, (_, i) => 55 * slow(i + 1) * (1 + 0.001 * i)),
    );
    const mean = (row: RowMeasurement): number => row.samples.reduce((sum, s) => sum + s.ms, 0) / row.samples.length;
    expect(mean(early)).toBeLessThan(mean(late));
    const measurement = syntheticWorkload([ref, early, late]);
    const verdict = decideVerdict(measurement, rateWorkload(measurement).rows);
    expect(verdict).toMatchObject({ outcome: 'winner', winner: { backend: 'late' }, tied: [] });
  });
});

describe('decideVerdict across batches', () => {
  it('falls back to overlapping intervals for rows that share no round with the winner', () => {
    const ref = syntheticRow('sequential', 1, Array(16).fill(100));
    const first = syntheticRow('a', 2, [50, 51, 49, 50, 52, 50, 48, 50]);
    const second = syntheticRow('b', 2, [51, 50, 52, 49, 50, 53, 50, 51]);
    second.samples = second.samples.map((s) => ({ ...s, round: s.round + 8 }));
    const run = rateWorkload(syntheticWorkload([ref, first, second]));
    expect(run.verdict).toMatchObject({ outcome: 'winner', winner: { backend: 'a' }, tied: [{ backend: 'b', workers: 2 }] });
  });
});
