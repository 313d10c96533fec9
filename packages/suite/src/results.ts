import type { RunsOn } from '@parabench/core';

export type RowStatus = 'ok' | 'mismatch' | 'error';

/** Above this, an efficiency is not a result but a fault of the measurement. */
export const EFFICIENCY_FAULT = 1.05;

/** What a row is: one backend × worker count (× chunk size, in a sweep) on one workload. */
export interface RowKey {
  workload: string;
  backend: string;
  workers: number;
  /**
   * Items per chunk the executor used; null when the backend does not chunk. `'auto'` only from
   * a backend that does not say which size it chose (`Executor.chunkSizeFor`).
   */
  chunkSize: number | 'auto' | null;
  /** True when the backend chose the size (`--chunk-size auto`); `chunkSize` then says what it chose. */
  chunkSizeAuto?: boolean | undefined;
}

/** One timed `map` of one row in one round. */
export interface MapSample {
  round: number;
  ms: number;
  /** User + system CPU of the main process and the row's own child processes during the map; null where it cannot be read. */
  cpuMs: number | null;
  /** The highest resident memory seen during the map: the main process plus the row's own child processes. */
  peakRssMb: number | null;
}

/** What measuring one row gathered: the input of the rating, before any figure is derived. */
export interface RowMeasurement extends RowKey {
  runsOn: RunsOn;
  startupMs: number | null;
  firstMapMs: number | null;
  /** One per round the row took part in. */
  samples: MapSample[];
  /** Why it stopped sampling: its interval was tight enough, the budget ran out, or it failed. */
  stopped: 'precise' | 'budget' | 'failed';
  mismatch?: { index: number | null; path: string; expected: string; actual: string; reason: string };
  error?: { code: string; message: string };
}

/** One round's capacity probe: worker count → N × (the kernel alone) ÷ (N copies at once). */
export interface CapacitySample {
  round: number;
  byWorkers: Record<number, number>;
}

/** Everything measured on one workload. The reference (`sequential`) is the first row. */
export interface WorkloadMeasurement {
  workload: string;
  description: string;
  items: number;
  /** The workload's `reduce` of the reference results, if it has one. */
  reduced: unknown;
  sweep: 'chunk-size' | undefined;
  rows: RowMeasurement[];
  capacity: CapacitySample[];
  /** The interval half-width rows sample towards, as a fraction (0.02 is ±2%). */
  precision: number;
}

/** A finished row, as every report shows it. Times are in milliseconds. */
export interface RowResult extends RowKey {
  runsOn: RunsOn;
  status: RowStatus;
  /** Rounds the row was timed in. */
  samples: number;
  meanMs: number | null;
  p50Ms: number | null;
  p99Ms: number | null;
  /** Median over rounds of (the reference's time ÷ this row's time) in the same round. */
  speedup: number | null;
  /** 95% interval of that median (order statistics: no assumption about the noise). */
  speedupInterval: [number, number] | null;
  /** Median over rounds of speed-up ÷ the ceiling measured in the same round; null when it would be a fault. */
  efficiency: number | null;
  /** The most this worker count could gain, median over the rounds: see the suite README. */
  ceiling: number | null;
  /** Set when the figures cannot be physically true (efficiency above {@link EFFICIENCY_FAULT}), saying why. */
  fault?: string;
  /** (time − ideal time) ÷ items, in µs; the ideal is the reference's time ÷ the ceiling. */
  overheadPerItemUs: number | null;
  /** Mean CPU time per map, user + system, main process and the row's own child processes. */
  cpuMs: number | null;
  /** cpuMs ÷ the reference's cpuMs: what running in parallel costs in CPU. */
  cpuRatio: number | null;
  /** The highest resident memory seen while the row's maps ran, in MiB. */
  peakRssMb: number | null;
  startupMs: number | null;
  firstMapMs: number | null;
  /** The interval is no wider than the precision asked for. */
  precise: boolean;
  /** Still wider than the precision asked for when the time budget ran out. */
  outOfBudget: boolean;
  mismatch?: RowMeasurement['mismatch'];
  error?: RowMeasurement['error'];
}

/** A combination named in a verdict. */
export interface VerdictEntry {
  backend: string;
  workers: number;
  /** Only in a chunk-size sweep, where it tells the rows apart. */
  chunkSize?: number | 'auto' | null;
  chunkSizeAuto?: boolean | undefined;
}

/** The answer for one workload. */
export interface Verdict {
  workload: string;
  /** The fastest combination, when it beats the plain loop beyond the noise; null when none does. */
  winner: (VerdictEntry & { speedup: number; interval: [number, number] }) | null;
  /** Combinations the rounds cannot tell from the winner (or, with no winner, from the loop). */
  tied: VerdictEntry[];
  /** How winner and ties were decided. */
  rule: string;
  /** The whole answer in one sentence. */
  text: string;
}

/** The capacity at one worker count over a workload's rounds. */
export interface CapacitySummary {
  workers: number;
  median: number;
  low: number;
  high: number;
}

/** One workload, rated: what every report reads. */
export interface WorkloadRun {
  workload: string;
  description: string;
  items: number;
  reduced: unknown;
  sweep: 'chunk-size' | undefined;
  rows: RowResult[];
  verdict: Verdict;
  /** Capacity per worker count over the rounds: its median and its range. */
  capacity: CapacitySummary[];
  /** Rounds run on this workload. */
  rounds: number;
}
