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
  /** Called after each round. */
  onRound?(round: number, sampling: number): void;
}

/**
 * Times the reference and every contender once per round, in a fresh random order each round,
 * with tinybench as the timer, until every contender's paired speed-up is precise enough or the
 * budget is spent. A load that comes and goes then slows both sides of each pair alike.
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
    const bench = new Bench({ iterations: 1, time: 0, warmup: false, throws: false, now, retainSamples: true });
    const order = shuffled([reference, ...sampling, 'probe' as const], options.random);
    const timed: TimedMap[] = [];
    for (const [position, entry] of order.entries()) {
      if (entry !== 'probe') timed.push(addTimedMap(bench, String(position), entry, expected, options.memoryIntervalMs ?? 10));
      else if (options.probe !== undefined) {
        const probe = options.probe;
        bench.add('capacity', async () => void capacity.push({ round, byWorkers: await probe.measure() }));
      }
    }
    await bench.run();
    for (const { task, contender, usage } of timed) {
      const { result } = task;
      if (result.state === 'errored') fail(contender.row, result.error);
      else if (result.state === 'completed' && contender.row.stopped !== 'failed') {
        contender.row.samples.push({ round, ms: result.latency.samples?.[0] ?? result.latency.mean, ...usage() });
      }
    }
    if (reference.row.stopped === 'failed') {
      for (const contender of sampling) contender.row.stopped = 'failed';
      break;
    }
    sampling = sampling.filter((contender) => contender.row.stopped !== 'failed' && !(done >= options.minRounds && precise(reference, contender, options.precision)));
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

interface TimedMap {
  task: Task;
  contender: Contender;
  /** CPU and peak memory of the map just timed. */
  usage(): Pick<MapSample, 'cpuMs' | 'peakRssMb'>;
}

/**
 * One contender's map as a tinybench task. Outside the timed call: garbage collection (with
 * `--gc`), the CPU reading before and after, and the check against the reference. During it,
 * the resident memory is sampled on a timer.
 */
function addTimedMap(bench: Bench, name: string, contender: Contender, expected: readonly unknown[], memoryIntervalMs: number): TimedMap {
  let cpuBefore: number | null = null;
  let cpuMs: number | null = null;
  let peak: number | null = null;
  let timer: NodeJS.Timeout | undefined;
  let latest: unknown[] = [];
  const sampleMemory = (): void => {
    const rss = contender.meter.rssMb();
    peak = rss === null || peak === null ? (peak ?? rss) : Math.max(peak, rss);
  };
  bench.add(
    name,
    async () => {
      latest = await contender.map();
    },
    {
      async: true,
      async beforeEach() {
        await contender.prepare();
        sampleMemory();
        timer = setInterval(sampleMemory, memoryIntervalMs).unref();
        cpuBefore = contender.meter.cpuMs();
      },
      afterEach() {
        const cpuAfter = contender.meter.cpuMs();
        clearInterval(timer);
        sampleMemory();
        cpuMs = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
        contender.check(latest, expected);
      },
    },
  );
  return { task: bench.getTask(name) as Task, contender, usage: () => ({ cpuMs, peakRssMb: peak }) };
}
