import type { RunsOn } from '@parabench/core';

export type RowStatus = 'ok' | 'mismatch' | 'error';

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
  p50Ms: number | null;
  p99Ms: number | null;
  samples: number;
  /** Sequential mean ÷ this mean. */
  speedup: number | null;
  /** Speed-up ÷ the machine's capacity at this worker count (the mean of the two measurements). */
  efficiency: number | null;
  /** `start()` until the executor is ready. */
  startupMs: number | null;
  /** The first `map` on a fresh executor: cold workers, empty JIT. */
  firstMapMs: number | null;
  /** With `mismatch`: the first result that differs from the sequential reference. */
  mismatch?: { index: number | null; path: string; expected: string; actual: string; reason: string };
  /** With `error`: what failed. */
  error?: { code: string; message: string };
}
