import { performance } from 'node:perf_hooks';
import { ReferenceFailedError, type Random } from '@parabench/core';
import type { CapacitySample } from '../model/index.js';
import type { CapacityProbe } from './capacity.js';
import type { Contender } from './contender.js';
import { failRow } from './row.js';
import { SLOT_MS, timeSlot } from './slot.js';

/** How many rounds, and what they measure besides the rows. */
export interface RoundsOptions {
  /** Rounds to run: every row that has not failed is timed once in each. */
  rounds: number;
  /** The fork these rounds run in, from 1: every sample says so. */
  fork: number;
  /** Orders each round. */
  random: Random;
  /** Measured in every round, at the same moments as the rows. */
  probe?: CapacityProbe | undefined;
  /** The round number to start from, so that forks and batches of one workload never share a round number. @default 1 */
  firstRound?: number;
  /** The clock, in ms. @default performance.now */
  now?: () => number;
  /** How often the resident memory is sampled during a map, in ms. @default 10 */
  memoryIntervalMs?: number;
  /** The least time a row's slot in a round lasts, in ms. @default {@link SLOT_MS} */
  slotMs?: number;
  /** Called before each slot, with the contender about to be timed (undefined: the capacity probe). */
  onSlot?(round: number, contender: Contender | undefined): void;
  /** Called after each round. */
  onRound?(round: number): void;
}

/**
 * Times the reference and every contender in one slot per round, in a fresh random order each
 * round, with tinybench as the timer. A load that comes and goes then slows both sides of each
 * pair alike. Returns the capacity probe's samples and the next unused round number.
 */
export async function runRounds(
  reference: Contender,
  contenders: readonly Contender[],
  expected: readonly unknown[],
  options: RoundsOptions,
): Promise<{ capacity: CapacitySample[]; nextRound: number }> {
  const now = options.now ?? (() => performance.now());
  const capacity: CapacitySample[] = [];
  const slotOptions = { now, slotMs: options.slotMs ?? SLOT_MS, memoryIntervalMs: options.memoryIntervalMs ?? 10 };
  const first = options.firstRound ?? 1;
  let round = first;
  for (; round < first + options.rounds; round++) {
    const sampling = contenders.filter((contender) => contender.row.stopped !== 'failed');
    for (const entry of shuffled([reference, ...sampling, 'probe' as const], options.random)) {
      if (entry === 'probe') {
        options.onSlot?.(round, undefined);
        if (options.probe !== undefined) capacity.push({ fork: options.fork, round, byWorkers: await options.probe.measure() });
        continue;
      }
      options.onSlot?.(round, entry);
      const slot = await timeSlot(entry, expected, slotOptions);
      if ('error' in slot) failRow(entry.row, slot.error);
      else if (entry.row.stopped !== 'failed') entry.row.samples.push({ fork: options.fork, round, ...slot.sample });
    }
    if (reference.row.stopped === 'failed') {
      // The row did nothing wrong: its code says that the reference failed, not the backend.
      const why = new ReferenceFailedError(
        `the sequential reference failed in round ${round}, so nothing can be timed against it: ${reference.row.error?.message ?? 'its result differs'}`,
        { workload: reference.row.workload },
      );
      for (const contender of sampling) failRow(contender.row, why);
      round++;
      break;
    }
    options.onRound?.(round);
  }
  return { capacity, nextRound: round };
}

/** A copy in a random order (Fisher–Yates), from a seeded generator so a run can be replayed. */
export function shuffled<T>(values: readonly T[], random: Random): T[] {
  const copy = [...values];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.int(0, i + 1);
    const picked = copy[j];
    const last = copy[i];
    if (picked === undefined || last === undefined) continue;
    copy[i] = picked;
    copy[j] = last;
  }
  return copy;
}
