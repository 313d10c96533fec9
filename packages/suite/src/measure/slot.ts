import { Bench } from 'tinybench';
import type { MapSample } from '../model/index.js';
import type { Contender } from './contender.js';

/** The least time a row's slot in a round lasts: shorter maps are repeated within it. */
export const SLOT_MS = 100;

export interface SlotOptions {
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
export async function timeSlot(
  contender: Contender,
  expected: readonly unknown[],
  options: SlotOptions,
): Promise<{ sample: Omit<MapSample, 'round' | 'fork'> } | { error: unknown }> {
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
  const [task] = await bench.run();
  const result = task?.result;
  if (result === undefined) return { error: new Error('the slot did not run') };
  if (result.state === 'errored') return { error: result.error };
  if (result.state !== 'completed') return { error: new Error(`the slot ended ${result.state}`) };
  return { sample: { ms: result.latency.mean, cpuMs: cpuTotal === null || maps === 0 ? null : cpuTotal / maps, peakRssMb: peak } };
}
