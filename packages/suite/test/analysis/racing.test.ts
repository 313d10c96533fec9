import { describe, expect, it } from 'vitest';
import { lookAlpha, raceDrops, RACING_ALPHA } from '../../src/analysis/racing.js';
import type { RowMeasurement } from '../../src/model/index.js';
import { syntheticRow } from '../synthetic.js';

/** One fork of `rounds` rounds: the loop at 100 ms, slowed by a neighbour in some rounds. */
const load = [1, 1.6, 1.1, 1.3];
const loop = (rounds = 2): RowMeasurement =>
  syntheticRow(
    'sequential',
    1,
    load.slice(0, rounds).map((l) => 100 * l),
    {},
    rounds,
  );
/** A row `speedup` times faster than the loop, with ±`spread` noise of its own. */
const row = (backend: string, speedup: number, spread = 0.02, rounds = 2, workers = 2): RowMeasurement =>
  syntheticRow(
    backend,
    workers,
    load.slice(0, rounds).map((l, i) => ((100 * l) / speedup) * (1 + spread * (i % 2 === 0 ? 1 : -1))),
    {},
    rounds,
  );
/** The same rounds again in a second fork: the spread between processes is then measured. */
const twice = (measured: RowMeasurement): RowMeasurement => ({
  ...measured,
  samples: [
    ...measured.samples,
    ...measured.samples.map((sample) => ({ ...sample, fork: 2, round: sample.round + measured.samples.length, ms: sample.ms * 1.01 })),
  ],
});
const dropped = (drops: ReturnType<typeof raceDrops>): string[] => drops.map(({ row }) => `${row.backend} × ${row.workers}`).sort();

describe('racing', () => {
  it('drops, after the first fork, the rows far behind the leader, saying when and against whom', () => {
    const rows = [row('leader', 1.9), row('close', 1.85, 0.02), row('single', 0.97, 0.02, 2, 1), row('async', 0.99)];
    const drops = raceDrops({ reference: loop(), racing: rows, margin: 0.03, look: 1 });
    expect(dropped(drops)).toEqual(['async × 2', 'single × 1']);
    const single = drops.find((drop) => drop.row.backend === 'single')?.drop;
    expect(single).toMatchObject({ round: 2, fork: 1, leader: { backend: 'leader', workers: 2 } });
    expect(single?.ratio.median).toBeCloseTo(0.97 / 1.9, 2);
    expect(single?.ratio.high).toBeLessThan(1 / 1.03);
  });

  it('keeps a row behind the leader by less than the margin, and one whose noise could hide as much', () => {
    const rows = [row('leader', 1.9), row('within', 1.86), row('noisy', 1.6, 0.3)];
    expect(dropped(raceDrops({ reference: loop(), racing: rows, margin: 0.03, look: 1 }))).toEqual([]);
  });

  it("keeps a row 18% behind while one fork alone has measured it (two rounds in a neighbour's burst can slow a contender as much), and drops it once two forks have", () => {
    const rows = [row('leader', 1.9), row('close', 1.55)];
    expect(dropped(raceDrops({ reference: loop(), racing: rows, margin: 0.03, look: 1 }))).toEqual([]);
    expect(dropped(raceDrops({ reference: twice(loop()), racing: rows.map(twice), margin: 0.03, look: 2 }))).toEqual(['close × 2']);
  });

  it("after the first fork, keeps a row with the leader's worker count 0.67× behind it (such a row swings that much between processes), but drops one with fewer workers", () => {
    const rows = [row('leader', 1.9, 0.01), row('peer', 1.9 * 0.67, 0.01), row('single', 1.9 * 0.67, 0.01, 2, 1)];
    expect(dropped(raceDrops({ reference: loop(), racing: rows, margin: 0.03, look: 1 }))).toEqual(['single × 1']);
    // A peer far enough behind, like the event loop on work that computes, goes at once.
    const far = [row('leader', 1.9, 0.01), row('peer', 1.9 * 0.5, 0.01)];
    expect(dropped(raceDrops({ reference: loop(), racing: far, margin: 0.03, look: 1 }))).toEqual(['peer × 2']);
    // Once a second fork has measured it, the margin alone is the allowance.
    expect(dropped(raceDrops({ reference: twice(loop()), racing: rows.map(twice), margin: 0.03, look: 2 }))).toEqual(['peer × 2', 'single × 1']);
  });

  it('drops a row shown behind the leader before any row has shown that parallelising pays: the leader, which stays, answers that', () => {
    // The loop's neighbour makes every speed-up noisy, so nothing is shown above 1 yet, and the
    // row behind might still pay on its own interval; but it runs in step with the leader at half
    // its speed, so if it paid, the leader would too.
    const rows = [row('leader', 1.3, 0.3), row('behind', 0.65, 0.29)];
    const drops = raceDrops({ reference: loop(), racing: rows, margin: 0.03, look: 1 });
    expect(dropped(drops)).toEqual(['behind × 2']);
    expect(drops[0]?.drop.leader.backend).toBe('leader');
    // A row whose own noise could hide as much stays.
    const unsure = [row('leader', 1.3, 0.3), row('behind', 0.65, 0.05)];
    expect(dropped(raceDrops({ reference: loop(), racing: unsure, margin: 0.03, look: 1 }))).toEqual([]);
  });

  it('spends less error at each later look, so that all the looks together spend at most α', () => {
    const spent = Array.from({ length: 10_000 }, (_, i) => lookAlpha(i + 1)).reduce((sum, alpha) => sum + alpha, 0);
    expect(spent).toBeLessThanOrEqual(RACING_ALPHA);
    expect(lookAlpha(2)).toBeLessThan(lookAlpha(1));
    // A row just beyond the margin is dropped at the second look but not at the fiftieth, on the same rounds.
    const rows = [row('leader', 1.9, 0.01, 4), row('borderline', 1.75, 0.04, 4)].map(twice);
    expect(dropped(raceDrops({ reference: twice(loop(4)), racing: rows, margin: 0.03, look: 2 }))).toEqual(['borderline × 2']);
    expect(dropped(raceDrops({ reference: twice(loop(4)), racing: rows, margin: 0.03, look: 50 }))).toEqual([]);
  });
});
