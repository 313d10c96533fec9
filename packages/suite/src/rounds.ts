import { performance } from 'node:perf_hooks';
import { Bench, type Task } from 'tinybench';
import type { Random } from '@parabench/core';
import type { CapacityProbe } from './capacity.js';
import { fail, type Contender } from './contender.js';
import { pairedSpeedups } from './rating.js';
import type { CapacitySample, MapSample } from './results.js';
import { estimateMedian, relativeHalfWidth, shuffled } from './stats.js';

/** How long the rounds go on, and what they measure besides the rows. */
export interface RoundsOptions {
  /** Rounds every row takes part in before it may stop. */
  minRounds: number;
  /** A row stops once its speed-up interval's half-width is this fraction of its median or less. */
  precision: number;
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
      if ('error' in slot) fail(entry.row, slot.error);
      else if (entry.row.stopped !== 'failed') entry.row.samples.push({ round, ...slot.sample });
    }
    if (reference.row.stopped === 'failed') {
      const why = new Error(
        `the sequential reference failed in round ${round}, so nothing can be timed against it: ${reference.row.error?.message ?? 'its result differs'}`,
      );
      for (const contender of sampling) fail(contender.row, why);
      break;
    }
    sampling = sampling.filter(
      (contender) => contender.row.stopped !== 'failed' && !(done >= options.minRounds && precise(reference, contender, options.precision)),
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

function precise(reference: Contender, contender: Contender, precision: number): boolean {
  const estimate = estimateMedian(pairedSpeedups(reference.row.samples, contender.row.samples));
  return estimate !== undefined && relativeHalfWidth(estimate) <= precision;
}

/** The least time a row's slot in a round lasts: shorter maps are repeated within it. */
const SLOT_MS = 100;

interface SlotOptions {
  now: () => number;
  slotMs: number;
  memoryIntervalMs: number;
}

/**
 * One contender's slot in a round, timed by tinybench: its map, repeated until the slot has lasted
 * `slotMs` (once, for maps that take longer), so that a map of a few milliseconds is not at the
 * mercy of one scheduler tick. The sample is the mean over the slot. Outside the timed calls:
 * garbage collection before the slot, the CPU reading around each map, and the check of each
 * result against the reference. During them, the resident memory is sampled on a timer.
 */
async function timeSlot(
  contender: Contender,
  expected: readonly unknown[],
  options: SlotOptions,
): Promise<{ sample: Omit<MapSample, 'round'> } | { error: unknown }> {
  let cpuBefore: number | null = null;
  let cpuTotal: number | null = 0;
  let maps = 0;
  let peak: number | null = null;
  let timer: NodeJS.Timeout | undefined;
  let latest: unknown[] = [];
  const sampleMemory = (): void => {
    const rss = contender.meter.rssMb();
    peak = rss === null || peak === null ? (peak ?? rss) : Math.max(peak, rss);
  };
  const bench = new Bench({ iterations: 1, time: options.slotMs, warmup: false, throws: false, now: options.now });
  bench.add(
    'slot',
    async () => {
      latest = await contender.map();
    },
    {
      async: true,
      beforeAll: () => contender.prepare(),
      beforeEach() {
        sampleMemory();
        timer = setInterval(sampleMemory, options.memoryIntervalMs).unref();
        cpuBefore = contender.meter.cpuMs();
      },
      afterEach() {
        const cpuAfter = contender.meter.cpuMs();
        clearInterval(timer);
        sampleMemory();
        cpuTotal = cpuTotal === null || cpuBefore === null || cpuAfter === null ? null : cpuTotal + (cpuAfter - cpuBefore);
        maps++;
        contender.check(latest, expected);
      },
    },
  );
  await bench.run();
  const { result } = bench.tasks[0] as Task;
  if (result.state === 'errored') return { error: result.error };
  if (result.state !== 'completed') return { error: new Error(`the slot ended ${result.state}`) };
  return { sample: { ms: result.latency.mean, cpuMs: cpuTotal === null || maps === 0 ? null : cpuTotal / maps, peakRssMb: peak } };
}
