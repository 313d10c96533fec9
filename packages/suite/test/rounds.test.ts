import { describe, expect, it } from 'vitest';
import { createRandom } from '@parabench/core';
import type { CapacityProbe } from '../src/measure/capacity.js';
import type { Contender } from '../src/measure/contender.js';
import { runRounds } from '../src/measure/rounds.js';
import { syntheticRow } from './synthetic.js';

/** A clock the fake maps advance: no test here reads the wall clock. */
function fakeClock(): { now: () => number; advance(ms: number): void } {
  let t = 0;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
  };
}

/** A contender whose n-th map takes `duration(n)` ms on the fake clock, and logs its name. */
function fakeContender(name: string, workers: number, clock: ReturnType<typeof fakeClock>, log: string[], duration: (call: number) => number): Contender {
  let calls = 0;
  return {
    row: syntheticRow(name, workers, []),
    meter: { cpuMs: () => null, rssMb: () => null },
    async map() {
      log.push(name);
      const ms = duration(calls++);
      if (Number.isNaN(ms)) throw Object.assign(new Error(`${name} broke`), { code: 'PARABENCH_WORKER_EXITED' });
      clock.advance(ms);
      return [1];
    },
    prepare: async () => undefined,
    check: () => true,
    close: async () => undefined,
  };
}

const probe = (log: string[]): CapacityProbe => ({
  measure: async () => {
    log.push('probe');
    return { 1: 1, 2: 1.9 };
  },
  close: async () => undefined,
});

describe('runRounds', () => {
  it('times the reference, every row and the probe once per round, each round in a fresh order, with the injected clock', async () => {
    const clock = fakeClock();
    const log: string[] = [];
    const reference = fakeContender('ref', 1, clock, log, () => 100);
    const rows = [fakeContender('a', 2, clock, log, () => 50), fakeContender('b', 2, clock, log, () => 80)];
    const { capacity, nextRound } = await runRounds(reference, rows, [1], {
      rounds: 6,
      fork: 1,
      random: createRandom(7),
      probe: probe(log),
      now: clock.now,
      slotMs: 0,
    });
    expect(nextRound).toBe(7);
    expect(capacity.map((c) => c.round)).toEqual([1, 2, 3, 4, 5, 6]);
    const rounds = Array.from({ length: 6 }, (_, i) => log.slice(i * 4, i * 4 + 4));
    for (const round of rounds) expect([...round].sort()).toEqual(['a', 'b', 'probe', 'ref']);
    expect(new Set(rounds.map((round) => round.join())).size).toBeGreaterThan(1);
    expect(reference.row.samples.map((s) => s.ms)).toEqual(Array(6).fill(100));
    expect(rows[0]?.row.samples.map((s) => [s.round, s.ms])).toEqual([
      [1, 50],
      [2, 50],
      [3, 50],
      [4, 50],
      [5, 50],
      [6, 50],
    ]);
    expect(rows.map((c) => c.row.stopped)).toEqual(['finished', 'finished']);
  });

  it('runs exactly the rounds asked, numbered from the first round given, every sample saying its fork', async () => {
    const clock = fakeClock();
    const log: string[] = [];
    const reference = fakeContender('ref', 1, clock, log, () => 100);
    const row = fakeContender('row', 2, clock, log, (n) => (n % 2 === 0 ? 40 : 70));
    const { nextRound, capacity } = await runRounds(reference, [row], [1], {
      rounds: 3,
      fork: 4,
      firstRound: 8,
      random: createRandom(1),
      now: clock.now,
      slotMs: 0,
    });
    expect(nextRound).toBe(11);
    expect(capacity).toEqual([]);
    expect(row.row.samples.map((s) => [s.fork, s.round, s.ms])).toEqual([
      [4, 8, 40],
      [4, 9, 70],
      [4, 10, 40],
    ]);
    expect(reference.row.samples.map((s) => s.round)).toEqual([8, 9, 10]);
  });

  it('drops a row whose map fails, with its error, and goes on with the rest', async () => {
    const clock = fakeClock();
    const log: string[] = [];
    const reference = fakeContender('ref', 1, clock, log, () => 100);
    const broken = fakeContender('broken', 2, clock, log, (n) => (n === 2 ? Number.NaN : 50));
    const fine = fakeContender('fine', 2, clock, log, () => 60);
    await runRounds(reference, [broken, fine], [1], { rounds: 6, fork: 1, random: createRandom(3), now: clock.now, slotMs: 0 });
    expect(broken.row).toMatchObject({ stopped: 'failed', error: { code: 'PARABENCH_WORKER_EXITED', message: 'broken broke' } });
    expect(broken.row.samples).toHaveLength(2);
    expect(fine.row).toMatchObject({ stopped: 'finished' });
    expect(fine.row.samples).toHaveLength(6);
  });

  it('repeats a short map within its slot until the slot has lasted long enough, and keeps the mean', async () => {
    const clock = fakeClock();
    const log: string[] = [];
    const reference = fakeContender('ref', 1, clock, log, () => 150);
    const short = fakeContender('short', 2, clock, log, (n) => (n % 2 === 0 ? 10 : 30));
    await runRounds(reference, [short], [1], { rounds: 6, fork: 1, random: createRandom(5), now: clock.now, slotMs: 100 });
    // 10 + 30 + 10 + 30 + 10 = 90 ms is not yet 100: a sixth map, then the slot ends.
    expect(log.filter((name) => name === 'short')).toHaveLength(6 * 6);
    expect(log.filter((name) => name === 'ref')).toHaveLength(6);
    expect(short.row.samples.map((s) => s.ms)).toEqual(Array(6).fill(20));
  });

  it('stops every row, saying why, when the reference itself fails', async () => {
    const clock = fakeClock();
    const log: string[] = [];
    const reference = fakeContender('ref', 1, clock, log, (n) => (n === 3 ? Number.NaN : 100));
    const row = fakeContender('row', 2, clock, log, () => 50);
    const { nextRound } = await runRounds(reference, [row], [1], { rounds: 6, fork: 1, random: createRandom(2), now: clock.now, slotMs: 0 });
    expect(nextRound).toBe(5);
    expect(reference.row.error).toMatchObject({ code: 'PARABENCH_WORKER_EXITED' });
    expect(row.row).toMatchObject({
      stopped: 'failed',
      error: {
        code: 'PARABENCH_REFERENCE_FAILED',
        message: 'the sequential reference failed in round 4, so nothing can be timed against it: ref broke (workload "w")',
      },
    });
  });
});
