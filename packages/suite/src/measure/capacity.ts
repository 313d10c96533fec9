import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

const probeScript = new URL('./capacity-probe.js', import.meta.url);

/** Measures how much parallel work the machine gives at this moment. */
export interface CapacityProbe {
  /** Worker count → N × (the kernel alone) ÷ (N copies at once): about N on idle cores, less when a neighbour is busy. */
  measure(): Promise<Record<number, number>>;
  close(): Promise<void>;
}

/**
 * Starts one probe thread per worker, up to the largest count, kept for the whole run so that a
 * measurement costs tens of milliseconds and can be taken in every round, at the same moments as
 * the rows it is read against. Each measurement alternates the kernel alone and N copies at once
 * `repeats` times and keeps the fastest of each: a neighbour's burst only ever slows a run, and one
 * short run caught by it would otherwise say the machine has more (or less) than it has.
 */
export async function startCapacityProbe(workerCounts: readonly number[], units = 3, repeats = 3): Promise<CapacityProbe> {
  const counts = [...new Set(workerCounts)].sort((a, b) => a - b);
  const threads = Array.from({ length: Math.max(1, ...counts) }, () => new Worker(probeScript));
  const run = async (n: number): Promise<number> => {
    const started = performance.now();
    await Promise.all(
      threads.slice(0, n).map(async (thread) => {
        thread.postMessage(units);
        await once(thread, 'message');
      }),
    );
    return performance.now() - started;
  };
  try {
    await Promise.all(
      threads.map(async (thread) => {
        for (let i = 0; i < 3; i++) {
          // compile the kernel in every thread before anything is timed
          thread.postMessage(1);
          await once(thread, 'message');
        }
      }),
    );
  } catch (error) {
    await Promise.all(threads.map((thread) => thread.terminate()));
    throw error;
  }
  return {
    async measure() {
      let alone = Number.POSITIVE_INFINITY;
      const together = new Map<number, number>();
      for (let i = 0; i < repeats; i++) {
        alone = Math.min(alone, await run(1));
        for (const n of counts) if (n > 1) together.set(n, Math.min(together.get(n) ?? Number.POSITIVE_INFINITY, await run(n)));
      }
      const byWorkers: Record<number, number> = {};
      for (const n of counts) byWorkers[n] = n === 1 ? 1 : (n * alone) / (together.get(n) ?? Number.POSITIVE_INFINITY);
      return byWorkers;
    },
    async close() {
      await Promise.all(threads.map((thread) => thread.terminate()));
    },
  };
}
