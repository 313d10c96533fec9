import type { RunsOn } from '@parabench/core';
import type { CapacitySummary, Drop, ForkTime, Mismatch, RowError, RowKey } from './measurement.js';
import type { Verdict } from './verdict.js';

/** An estimate with its 95% interval. */
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
  /**
   * The paired speed-up (the reference's time ÷ this row's, in the same round): the geometric mean
   * over forks of each fork's mean, with a 95% interval that includes the spread between forks.
   */
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
}

/**
 * Where a row stands in its workload's verdict: the reference; the fastest; shown equivalent to
 * it within the margin; shown slower; still undecided against it; dropped by racing; left out as
 * a fault of the measurement; or failed.
 */
export type Standing = 'reference' | 'fastest' | 'equivalent' | 'slower' | 'undecided' | 'dropped' | 'fault' | 'failed';

interface RowBase extends RowKey {
  runsOn: RunsOn;
  /** Rounds the row was timed in, over all its forks. */
  rounds: number;
  /** Forks (fresh measuring processes) it was timed in. */
  forks: number;
  startupMs: number | null;
  firstMapMs: number | null;
  standing: Standing;
}

/** A row that agreed with the reference in every round it ran. */
export interface OkRow extends RowBase {
  status: 'ok';
  figures: RowFigures;
  /** When and why racing stopped timing it, if it did. */
  dropped?: Drop;
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

/** Where a workload's run-to-run variance lies, for the speed-ups of its rows. */
export interface VarianceSplit {
  /** Share of the variance of a row's estimate that comes from differences between forks (the rest: between rounds). */
  betweenForksShare: number;
  /** What would narrow the intervals most for the time. */
  advice: 'more forks' | 'more rounds' | 'either';
}

/** One workload, rated: what every report reads. */
export interface WorkloadResult {
  workload: string;
  /** The runtime it was measured in, as `--runtimes` named it; its own loop is the reference. */
  runtime: string;
  /** This runtime's loop against the first runtime's (above 1: faster); undefined for the first, or when not measured. */
  loop: Interval | undefined;
  description: string;
  items: number;
  reduced: unknown;
  sweep: 'chunk-size' | undefined;
  rows: RowResult[];
  verdict: Verdict;
  /** Capacity per worker count over the rounds: its median and its range. */
  capacity: CapacitySummary[];
  /** Rounds run on this workload, over all its forks. */
  rounds: number;
  /** Forks (fresh measuring processes) the rounds were spread over. */
  forks: number;
  /** Where the variance lies, when two forks or more measured some row. */
  variance: VarianceSplit | undefined;
  /** A digest of the generated input. */
  inputDigest: string | undefined;
  /** Seconds the workload took, every fork included. */
  seconds: number;
  /** What each fork cost, in seconds: in all, and in its rounds. */
  forkTimes: ForkTime[];
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
