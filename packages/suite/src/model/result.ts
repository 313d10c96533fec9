import type { RunsOn } from '@parabench/core';
import type { Mismatch, RowError, RowKey } from './measurement.js';

/** A median with its 95% interval. */
export interface Interval {
  median: number;
  low: number;
  high: number;
}

/** An efficiency too high to be physically true: a fault of the measurement, not a result. */
export interface EfficiencyFault {
  /** The median over rounds of speed-up ÷ ceiling, above the limit. */
  efficiency: number;
}

/** What a row's rounds add up to. Times are in milliseconds. */
export interface RowFigures {
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  /** Median over rounds of (the reference's time ÷ this row's time) in the same round, with its 95% interval (order statistics). */
  speedup: Interval;
  /** Median over rounds of speed-up ÷ the ceiling measured in the same round; null without a capacity probe, or with a fault. */
  efficiency: number | null;
  /** The most this worker count could gain, median over the rounds: see the suite README. */
  ceiling: number | null;
  /** Set when the efficiency cannot be physically true. */
  fault: EfficiencyFault | undefined;
  /** (time − ideal time) ÷ items, in µs; the ideal is the reference's time ÷ the ceiling. */
  overheadPerItemUs: number | null;
  /** Mean CPU time per map, user + system, main process and the row's own child processes. */
  cpuMs: number | null;
  /** cpuMs ÷ the reference's cpuMs: what running in parallel costs in CPU. */
  cpuRatio: number | null;
  /** The highest resident memory seen while the row's maps ran, in MiB. */
  peakRssMb: number | null;
  /** The interval is no wider than the precision asked for. */
  precise: boolean;
}

interface RowBase extends RowKey {
  runsOn: RunsOn;
  /** Rounds the row was timed in. */
  rounds: number;
  startupMs: number | null;
  firstMapMs: number | null;
}

/** A row that agreed with the reference in every round it ran. */
export interface OkRow extends RowBase {
  status: 'ok';
  figures: RowFigures;
  /** Still wider than the precision asked for when the time budget ran out. */
  outOfBudget: boolean;
}

/** A row whose result differed from the reference; its figures are those of the rounds before. */
export interface MismatchRow extends RowBase {
  status: 'mismatch';
  figures: RowFigures | null;
  mismatch: Mismatch;
}

/** A row that failed; its figures, if any, are those of the rounds before. */
export interface ErrorRow extends RowBase {
  status: 'error';
  figures: RowFigures | null;
  error: RowError;
  /** A difference seen before the failure, if any. */
  mismatch?: Mismatch;
}

/** A finished row, as every report shows it: a union on its status. */
export type RowResult = OkRow | MismatchRow | ErrorRow;
/** A row that disagreed with the reference or failed. */
export type FailedRow = MismatchRow | ErrorRow;
export type RowStatus = RowResult['status'];

/** A combination named in a verdict. */
export interface VerdictEntry {
  backend: string;
  workers: number;
  /** Only in a chunk-size sweep, where it tells the rows apart. */
  chunkSize?: number | 'auto' | null;
  chunkSizeAuto?: boolean | undefined;
}

/** A combination with its speed-up, as a verdict names it. */
export interface RatedEntry extends VerdictEntry {
  speedup: number;
  interval: [number, number];
}

/** The answer for one workload, a union on what the rounds could say. */
export type Verdict = { workload: string; faults: VerdictEntry[] } & (
  | { outcome: 'winner'; winner: RatedEntry; tied: VerdictEntry[] }
  | { outcome: 'no-gain'; best: RatedEntry; likeTheLoop: VerdictEntry[] }
  | { outcome: 'no-answer' }
);

/** The capacity at one worker count over a workload's rounds. */
export interface CapacitySummary {
  workers: number;
  median: number;
  low: number;
  high: number;
}

/** One workload, rated: what every report reads. */
export interface WorkloadResult {
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

/** The names of what a run set out to measure. */
export interface PlannedNames {
  workloads: string[];
  backends: string[];
}

/** A run so far: what it set out to measure, what is finished, what is left. */
export interface SuiteResult {
  planned: PlannedNames;
  /** The finished workloads, in the order they ran. */
  finished: WorkloadResult[];
  /** Names of the workloads still to run: empty once the run is complete. */
  remaining: string[];
}
