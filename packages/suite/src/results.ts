import type { RunsOn } from '@parabench/core';

export type RowStatus = 'ok' | 'mismatch' | 'error';

/** Above this relative margin of error (in percent) a row is marked unstable. */
export const UNSTABLE_RME = 5;

/** One backend × worker count on one workload. Times are in milliseconds. */
export interface RowResult {
  workload: string;
  backend: string;
  runsOn: RunsOn;
  workers: number;
  status: RowStatus;
  /** Mean time of one `map` over all items, in steady state. */
  meanMs: number | null;
  /** Relative margin of error of the mean, in percent. */
  rme: number | null;
  /** rme above {@link UNSTABLE_RME}: the mean is not to be trusted to that precision. */
  unstable: boolean;
  p50Ms: number | null;
  p99Ms: number | null;
  samples: number;
  /** Sequential mean ÷ this mean. */
  speedup: number | null;
  /** Speed-up ÷ the machine's capacity at this worker count (the mean of the two measurements). */
  efficiency: number | null;
  /**
   * What parallelising cost per item, in µs: (mean − ideal) ÷ items, where the ideal is the
   * sequential mean divided by the capacity (by 1 for backends on the main thread).
   */
  overheadPerItemUs: number | null;
  /** Items per chunk asked of the backend; null when it does not chunk. */
  chunkSize: number | 'auto' | null;
  /** `start()` until the executor is ready. */
  startupMs: number | null;
  /** The first `map` on a fresh executor: cold workers, empty JIT. */
  firstMapMs: number | null;
  /** With `mismatch`: the first result that differs from the sequential reference. */
  mismatch?: { index: number | null; path: string; expected: string; actual: string; reason: string };
  /** With `error`: what failed. */
  error?: { code: string; message: string };
}
