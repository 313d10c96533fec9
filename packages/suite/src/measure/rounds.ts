import { performance } from 'node:perf_hooks';
import type { Random } from '@parabench/core';
import { pairedSpeedups } from '../analysis/pairing.js';
import { estimateMedian, relativeHalfWidth } from '../analysis/stats.js';
import type { CapacitySample } from '../model/index.js';
import type { CapacityProbe } from './capacity.js';
import type { Contender } from './contender.js';
import { failRow } from './row.js';
import { SLOT_MS, timeSlot } from './slot.js';

/** How long the rounds go on, and what they measure besides the rows. */
export interface RoundsOptions {
  /** Rounds every row takes part in before it may stop. */
  minRounds: number;
  /** A row stops once its speed-up interval's half-width is this fraction of its median or less. */
  precisionFraction: number;
  /** After `minRounds`, rounds stop when they have taken this long, in ms; rows still sampling then ran out of budget. */
  budgetMs: number;
  /** Orders each round. */
  random: Random;
  /** Measured in every round, at the same moments as the rows. */
  probe?: CapacityProbe | undefined;
  /** The round number to start from, so that batches of one workload never share a round number. @default 1 */
  firstRound?: number;
  /** The clock, in ms. @default performance.now */
  now?: () => number;
  /** How often the resident memory is sampled during a map, in ms. @default 10 */
  memoryIntervalMs?: number;
  /** The least time a row's slot in a round lasts, in ms. @default {@link SLOT_MS} */
  slotMs?: number;
  /** Called after each round. */
  onRound?(round: number, sampling: number): void;
}

/**
 * Times the reference and every contender in one slot per round, in a fresh random order each
 * round, with tinybench as the timer, until every contender's paired speed-up is precise enough
 * or the budget is spent. A load that comes and goes then slows both sides of each pair alike.
 * Returns the capacity probe's samples and the next unused round number.
 */
export async function runRounds(
  reference: Contender,
  contenders: readonly Contender[],
  expected: readonly unknown[],
  options: RoundsOptions,
): Promise<{ capacity: CapacitySample[]; nextRound: number }> {
  const now = options.now ?? (() => performance.now());
  const capacity: CapacitySample[] = [];
  let sampling = contenders.filter((contender) => contender.row.stopped !== 'failed');
  const started = now();
  let round = options.firstRound ?? 1;
  for (let done = 1; ; done++, round++) {
    for (const entry of shuffled([reference, ...sampling, 'probe' as const], options.random)) {
      if (entry === 'probe') {
        if (options.probe !== undefined) capacity.push({ round, byWorkers: await options.probe.measure() });
        continue;
      }
      const slot = await timeSlot(entry, expected, { now, slotMs: options.slotMs ?? SLOT_MS, memoryIntervalMs: options.memoryIntervalMs ?? 10 });
      if ('error' in slot) failRow(entry.row, slot.error);
      else if (entry.row.stopped !== 'failed') entry.row.samples.push({ round, ...slot.sample });
    }
    if (reference.row.stopped === 'failed') {
      const why = new Error(
        `the sequential reference failed in round ${round}, so nothing can be timed against it: ${reference.row.error?.message ?? 'its result differs'}`,
      );
      for (const contender of sampling) failRow(contender.row, why);
      break;
    }
    sampling = sampling.filter(
      (contender) => contender.row.stopped !== 'failed' && !(done >= options.minRounds && precise(reference, contender, options.precisionFraction)),
    );
    for (const contender of contenders) if (contender.row.stopped !== 'failed' && !sampling.includes(contender)) contender.row.stopped = 'precise';
    options.onRound?.(round, sampling.length);
    if (sampling.length === 0) break;
    if (done >= options.minRounds && now() - started >= options.budgetMs) {
      for (const contender of sampling) contender.row.stopped = 'budget';
      break;
    }
  }
  return { capacity, nextRound: round + 1 };
}

function precise(reference: Contender, contender: Contender, precisionFraction: number): boolean {
  const estimate = estimateMedian(pairedSpeedups(reference.row.samples, contender.row.samples));
  return estimate !== undefined && relativeHalfWidth(estimate) <= precisionFraction;
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
