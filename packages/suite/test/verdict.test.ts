import type { ForkedEstimate } from '../src/analysis/hierarchy.js';
import { standingAgainst } from '../src/analysis/verdict.js';
import { describe, expect, it } from 'vitest';
import { createRandom } from '@parabench/core';
import { rateWorkload } from '../src/analysis/rate-workload.js';
import type { OkRow, RowMeasurement, RowResult, Verdict } from '../src/model/index.js';
import { verdictText } from '../src/report/wording.js';
import { drift, syntheticRow, syntheticWorkload } from './synthetic.js';

const FORKS = 3;
const ROUNDS = 3;
const N = FORKS * ROUNDS;
const load = drift(N);
const forkOf = (i: number): number => Math.floor(i / ROUNDS);

/** The loop: 100 ms a map, slowed in some rounds by a neighbour. */
const reference = (): RowMeasurement =>
  syntheticRow(
    'sequential',
    1,
    load.map((l) => 100 * l),
    {},
    ROUNDS,
  );

interface Shape {
  /** Relative noise of each round, alternating in sign: ±spread. */
  spread?: number;
  /** A factor per fork (0, 1, 2): the row's processes differ. */
  forkShift?: readonly number[];
  workers?: number;
  phase?: number;
}

/** A row `speedup` times faster than the loop in every round, with noise of its own. */
function rowAt(backend: string, speedup: number, { spread = 0.003, forkShift = [1, 1, 1], workers = 2, phase = 0 }: Shape = {}): RowMeasurement {
  return syntheticRow(
    backend,
    workers,
    load.map((l, i) => ((100 * l) / speedup) * (1 + spread * Math.sin(i * 2.3 + phase)) * (forkShift[forkOf(i)] ?? 1)),
    {},
    ROUNDS,
  );
}

const decide = (...rows: RowMeasurement[]) => rateWorkload(syntheticWorkload([reference(), ...rows]));
const rowOf = (rows: readonly RowResult[], backend: string): OkRow => {
  const row = rows.find((r) => r.backend === backend);
  if (row?.status !== 'ok') throw new Error(`${backend} did not complete`);
  return row;
};
const names = (entries: ReadonlyArray<{ backend: string }>): string[] => entries.map((entry) => entry.backend).sort();

describe('the three-way verdict', () => {
  it('names a clear fastest, and calls the others slower when their ratio to it is shown below 1', () => {
    const { verdict, rows } = decide(rowAt('fast', 1.95), rowAt('slow', 1.5, { phase: 1 }));
    expect(verdict).toMatchObject({ outcome: 'pays', fastest: { backend: 'fast', speedup: expect.closeTo(1.95, 2) }, equivalent: [], undecided: [] });
    expect(rowOf(rows, 'slow').standing).toBe('slower');
    expect(verdictText(verdict, false)).toMatch(/^fast × 2 is fastest: 1\.9\d× the plain loop \[1\.9\d–1\.9\d\]; every other combination is slower\.$/);
  });

  it('with a wide-interval leader and a confident second: it pays, the leader is fastest so far, and the second is undecided against it', () => {
    const wide = rowAt('wide', 1.8, { spread: 0.1, forkShift: [1, 1.6, 0.7] });
    const confident = rowAt('confident', 1.65, { phase: 2 });
    const { verdict, rows } = decide(wide, confident);
    expect(rowOf(rows, 'wide').figures.speedup.low).toBeLessThan(1);
    expect(rowOf(rows, 'confident').figures.speedup.low).toBeGreaterThan(1);
    expect(verdict).toMatchObject({ outcome: 'pays', fastest: { backend: 'wide' }, undecided: [{ backend: 'confident' }] });
    expect(verdictText(verdict, false)).toMatch(/^wide × 2 is fastest so far: .*; undecided against it: confident × 2 \(/);
  });

  it('shows two rows equivalent when the interval of their ratio lies inside the margin', () => {
    const { verdict, rows } = decide(rowAt('a', 1.9), rowAt('b', 1.89, { phase: 2 }));
    if (verdict.outcome !== 'pays') throw new Error(verdict.outcome);
    expect(verdict.fastest.backend).toBe('a');
    expect(names(verdict.equivalent)).toEqual(['b']);
    expect(rowOf(rows, 'b').standing).toBe('equivalent');
    expect(verdictText(verdict, false)).toContain('; equivalent within ±3%: b × 2.');
  });

  it('calls a noisy row that might be as fast undecided, never equivalent', () => {
    const { verdict, rows } = decide(rowAt('a', 1.9), rowAt('noisy', 1.88, { spread: 0.15, phase: 1 }));
    expect(verdict).toMatchObject({ outcome: 'pays', fastest: { backend: 'a' }, equivalent: [], undecided: [{ backend: 'noisy' }] });
    expect(rowOf(rows, 'noisy').standing).toBe('undecided');
  });

  it('puts a shift between forks inside the interval, where rounds alone would look precise', () => {
    const shifted = rowAt('shifted', 1.9, { forkShift: [1, 1.08, 0.93] });
    const { verdict, rows } = decide(rowAt('steady', 1.91, { phase: 3 }), shifted);
    const { speedup } = rowOf(rows, 'shifted').figures;
    const forkMeans = [1, 1.08, 0.93].map((shift) => 1.9 / shift);
    expect(speedup.low).toBeLessThan(Math.min(...forkMeans));
    expect(speedup.high).toBeGreaterThan(Math.max(...forkMeans));
    // Inside each fork the rounds agree to 0.3%: a rounds-only interval would have called it equivalent or slower.
    expect(verdict).toMatchObject({ outcome: 'pays', undecided: [{ backend: expect.stringMatching(/shifted|steady/) }] });
  });

  it('says parallelising does not pay only when every interval stays below 1 + margin', () => {
    const flat = decide(rowAt('same', 1.0), rowAt('slower', 0.4, { phase: 1 }));
    expect(flat.verdict).toMatchObject({ outcome: 'does-not-pay', best: { backend: 'same' } });
    expect(verdictText(flat.verdict, false)).toMatch(
      /^Parallelising w does not pay on this machine: nothing beats the plain loop by more than 3% \(best: same × 2 at /,
    );
    const open = decide(rowAt('maybe', 1.05, { spread: 0.25 }));
    expect(open.verdict).toMatchObject({ outcome: 'undecided', best: { backend: 'maybe' } });
    expect(verdictText(open.verdict, false)).toMatch(
      /^Undecided whether parallelising w pays on this machine \(best: maybe × 2 at .*\); about \d+ s more would decide it|more forks/,
    );
  });

  it('says it does not pay when the rows still racing stay below 1 + margin, though a row dropped early had a wide interval', () => {
    const early = rowAt('early', 0.97, { forkShift: [0.8, 1.0, 1.25], phase: 1 });
    const leader = { backend: 'same', workers: 2, chunkSize: 1, chunkSizeAuto: true };
    const gone: RowMeasurement = { ...early, stopped: 'dropped', dropped: { round: 3, fork: 1, leader, ratio: { median: 0.97, low: 0.5, high: 0.96 } } };
    const flat = [rowAt('same', 1.0), rowAt('near', 0.99, { phase: 2 }), rowAt('below', 0.98, { phase: 3 })];
    const { verdict, rows } = decide(...flat, gone);
    expect(rowOf(rows, 'early').figures.speedup.high).toBeGreaterThan(1.03);
    expect(verdict).toMatchObject({ outcome: 'does-not-pay', best: { backend: 'same' } });
    // Had it stayed, its interval would leave the question open.
    expect(decide(...flat, early).verdict.outcome).toBe('undecided');
  });

  it('leaves out a row whose efficiency cannot be true, and says so', () => {
    // One worker 1.5× faster than the loop on the same work: the reference was slowed, not a result.
    const { verdict } = decide(rowAt('odd', 1.5, { workers: 1 }), rowAt('real', 1.3, { phase: 1 }));
    expect(verdict).toMatchObject({ outcome: 'pays', fastest: { backend: 'real' }, faults: [{ backend: 'odd', workers: 1 }] });
    expect(verdictText(verdict, false)).toMatch(/ Left out as faults of the measurement: odd × 1\.$/);
  });

  it('weighs the rows racing dropped against a leader later left out as a fault: they were shown slower than it, not than the rest', () => {
    // The leader beat the loop by more than 2 cores can give (the loop was slowed): a fault. Racing
    // had dropped the others against it; the verdict must not say the best of them beat the rest.
    const lead = rowAt('lead', 2.3);
    const leader = { backend: 'lead', workers: 2, chunkSize: null };
    const dropped = (row: RowMeasurement): RowMeasurement => ({
      ...row,
      stopped: 'dropped',
      dropped: { round: 6, fork: 2, leader, ratio: { median: 0.7, low: 0.6, high: 0.8 } },
    });
    const { verdict, rows } = decide(
      lead,
      dropped(rowAt('near-a', 1.6, { spread: 0.05, phase: 1 })),
      dropped(rowAt('near-b', 1.58, { spread: 0.05, phase: 2 })),
    );
    expect(verdict).toMatchObject({ outcome: 'pays', fastest: { backend: 'near-a' }, undecided: [{ backend: 'near-b' }], faults: [{ backend: 'lead' }] });
    expect(rowOf(rows, 'near-a').standing).toBe('fastest');
    expect(rowOf(rows, 'near-b').standing).toBe('undecided');
    expect(verdictText(verdict, false)).not.toMatch(/every other combination is slower/);
  });

  it('never says it does not pay when the rows left out as faults all beat the loop', () => {
    // Every pool 2.2× on 2 cores, above what the machine can give: the loop, not the pools, is off.
    const { verdict } = decide(rowAt('pool-a', 2.2), rowAt('pool-b', 2.2, { phase: 1 }), rowAt('lane', 0.97, { phase: 2 }));
    expect(verdict).toMatchObject({ outcome: 'undecided', best: { backend: 'lane' } });
    expect(names(verdict.faults)).toEqual(['pool-a', 'pool-b']);
    expect(verdictText(verdict, false)).toMatch(/^Undecided whether parallelising w pays .* Left out as faults of the measurement: pool-a × 2, pool-b × 2\.$/s);
  });

  it('gives no answer, and says so, when every combination failed', () => {
    const failed = (backend: string): RowMeasurement =>
      syntheticRow(backend, 2, [], { stopped: 'failed', error: { code: 'PARABENCH_ITEM_FAILED', message: 'boom' } });
    const { verdict } = decide(failed('a'), failed('b'));
    expect(verdict.outcome).toBe('no-answer');
    expect(verdictText(verdict, false)).toMatch(/^No combination completed/);
  });

  it('never contradicts its own rows, whatever the rounds', () => {
    const random = createRandom(11);
    for (let trial = 0; trial < 200; trial++) {
      const rows = Array.from({ length: 1 + random.int(0, 5) }, (_, i) =>
        rowAt(`r${i}`, 0.5 + 2 * random.next(), { spread: 0.3 * random.next(), forkShift: [1, 1 + 0.2 * (random.next() - 0.5), 1], phase: i }),
      );
      const { verdict, rows: rated } = decide(...rows);
      checkConsistent(verdict, rated.slice(1));
    }
  });
});

/** What a verdict may never say against its own table. */
function checkConsistent(verdict: Verdict, rows: readonly RowResult[]): void {
  const ok = rows.filter((row): row is OkRow => row.status === 'ok' && row.figures.fault === undefined);
  const anyAbove = ok.some((row) => row.figures.speedup.low > 1);
  expect(verdict.outcome === 'pays', 'pays exactly when some interval lies above 1').toBe(anyAbove);
  const racing = ok.filter((row) => row.dropped === undefined);
  if (verdict.outcome === 'does-not-pay') for (const row of racing) expect(row.figures.speedup.high).toBeLessThanOrEqual(1 + verdict.margin);
  if (verdict.outcome === 'pays') {
    const fastest = ok.find((row) => row.standing === 'fastest');
    expect(fastest?.figures.speedup.median).toBe(Math.max(...ok.filter((row) => row.dropped === undefined).map((row) => row.figures.speedup.median)));
    expect(ok.filter((row) => row.standing === 'fastest')).toHaveLength(1);
  }
}

describe('a row against the fastest, among several compared with it', () => {
  // 4% behind the fastest, with a standard error of 1.5% over 11 degrees of freedom.
  const behind: ForkedEstimate = { center: Math.log(0.96), se: 0.015, df: 10, forks: 11, values: 11, betweenForks: 0, withinForks: 0 };

  it('is slower when it alone is compared, at 95%', () => {
    expect(standingAgainst(behind, 0.03, 1)).toBe('slower');
  });

  it('is undecided among eight, where "slower" must hold for all of them together at 95%', () => {
    expect(standingAgainst(behind, 0.03, 8)).toBe('undecided');
  });
});
