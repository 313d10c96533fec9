import {
  MEASUREMENT_OPTIONS,
  type CapacitySummary,
  type ForkTime,
  type MachineInfo,
  type MeasurementOptions,
  type Mismatch,
  type RatedEntry,
  type RowComparison,
  type RowError,
  type RowKey,
  type RowName,
  type RowResult,
  type Standing,
  type SuiteOptions,
  type SuiteResult,
  type UndecidedEntry,
  type VarianceSplit,
  type Verdict,
  type VerdictEntry,
  type WorkloadResult,
} from '../model/index.js';
import { dropText, faultText, verdictRule, verdictText } from './wording.js';

/**
 * Bumped whenever a field changes meaning or goes away; new fields do not bump it. Version 3:
 * forks, racing and the three-way verdict (rows' `forks`, `rounds`, `standing`, `dropped`;
 * verdicts' `outcome`, `fastest`, `equivalent`, `undecided`, `margin`); `samples`, `precise`
 * and `outOfBudget` went away.
 */
export const JSON_SCHEMA_VERSION = 3;

/** How racing dropped a row, as the JSON report writes it. */
export interface JsonDrop {
  round: number;
  fork: number;
  leader: RowName;
  /** The row's speed-up ÷ the leader's: [estimate, low, high] of its 95% interval. */
  ratio: [number, number, number];
  reason: string;
}

/** A row as the JSON report writes it: flat, with null where a figure is missing. */
export interface JsonRow extends RowKey {
  runsOn: RowResult['runsOn'];
  status: RowResult['status'];
  standing: Standing;
  forks: number;
  rounds: number;
  meanMs: number | null;
  p50Ms: number | null;
  p99Ms: number | null;
  speedup: number | null;
  speedupInterval: [number, number] | null;
  efficiency: number | null;
  ceiling: number | null;
  /** Why the efficiency would be above 1.05, in words. */
  fault?: string;
  overheadPerItemUs: number | null;
  cpuMs: number | null;
  cpuRatio: number | null;
  peakRssMb: number | null;
  startupMs: number | null;
  firstMapMs: number | null;
  dropped?: JsonDrop;
  mismatch?: Mismatch;
  error?: RowError;
}

/** A verdict as the JSON report writes it. */
export interface JsonVerdict {
  workload: string;
  outcome: Verdict['outcome'];
  /** The equivalence margin, as a fraction. */
  margin: number;
  /** With `pays`: the fastest. */
  fastest: RatedEntry | null;
  /** With `does-not-pay` and `undecided`: the row with the highest speed-up. */
  best: RatedEntry | null;
  equivalent: RatedEntry[];
  undecided: UndecidedEntry[];
  /** With `undecided`: about how many more seconds would decide whether it pays (null: more than a run affords). */
  moreSeconds: number | null;
  capacitySwing: CapacitySummary | null;
  faults: VerdictEntry[];
  rule: string;
  text: string;
}

export interface JsonWorkload {
  workload: string;
  description: string;
  items: number;
  inputDigest: string | null;
  reduced: unknown;
  sweep?: 'chunk-size';
  forks: number;
  rounds: number;
  capacity: CapacitySummary[];
  variance: VarianceSplit | null;
  /** Seconds the workload took, every fork included. */
  seconds: number;
  /** What each fork cost, in seconds: in all (start-up and warm-up included), and in its rounds. */
  forkTimes: ForkTime[];
}

export interface JsonReport {
  schemaVersion: number;
  createdAt: string;
  /** False while the run is going on, or when it was interrupted: `remaining` says what is still to run. */
  complete: boolean;
  /** Names of the workloads not yet measured, in the order they will run. */
  remaining: string[];
  /** What the run set out to measure, by name: `--resume` checks that the same are found again. */
  plan: { workloads: string[]; backends: string[] };
  machine: MachineInfo;
  options: MeasurementOptions;
  verdicts: JsonVerdict[];
  workloads: JsonWorkload[];
  results: JsonRow[];
  /** With `--compare`: each row against the same row of the saved run. */
  comparison?: RowComparison[] | undefined;
}

/** The run as the JSON report holds it (schema in the suite README). */
export function buildJsonReport(machine: MachineInfo, options: SuiteOptions, result: SuiteResult, comparison?: RowComparison[]): JsonReport {
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    createdAt: new Date().toISOString(),
    complete: result.remaining.length === 0,
    remaining: result.remaining,
    plan: result.planned,
    machine,
    options: Object.fromEntries(MEASUREMENT_OPTIONS.map((key) => [key, options[key] ?? null])) as MeasurementOptions,
    verdicts: result.finished.map(jsonVerdict),
    workloads: result.finished.map(jsonWorkload),
    results: result.finished.flatMap((workload) => workload.rows.map((row) => jsonRow(row, workload.sweep !== undefined))),
    comparison,
  };
}

function jsonWorkload(workload: WorkloadResult): JsonWorkload {
  const { description, items, inputDigest, reduced, sweep, forks, rounds, capacity, variance, seconds, forkTimes } = workload;
  return {
    workload: workload.workload,
    description,
    items,
    inputDigest: inputDigest ?? null,
    reduced,
    ...(sweep === undefined ? {} : { sweep }),
    forks,
    rounds,
    capacity,
    variance: variance ?? null,
    seconds,
    forkTimes,
  };
}

function jsonVerdict({ verdict, sweep }: WorkloadResult): JsonVerdict {
  const pays = verdict.outcome === 'pays' ? verdict : undefined;
  const open = verdict.outcome === 'undecided' ? verdict : undefined;
  return {
    workload: verdict.workload,
    outcome: verdict.outcome,
    margin: verdict.margin,
    fastest: pays?.fastest ?? null,
    best: verdict.outcome === 'does-not-pay' || verdict.outcome === 'undecided' ? verdict.best : null,
    equivalent: pays?.equivalent ?? [],
    undecided: pays?.undecided ?? [],
    moreSeconds: open?.moreSeconds ?? null,
    capacitySwing: open?.capacitySwing ?? null,
    faults: verdict.faults,
    rule: verdictRule(verdict.margin),
    text: verdictText(verdict, sweep !== undefined),
  };
}

/** A row as the JSON report writes it. */
export function jsonRow(row: RowResult, sweep = false): JsonRow {
  const { figures } = row;
  const fault = faultText(row);
  const dropped = row.status === 'ok' ? row.dropped : undefined;
  return {
    workload: row.workload,
    backend: row.backend,
    runsOn: row.runsOn,
    workers: row.workers,
    chunkSize: row.chunkSize,
    ...(row.chunkSizeAuto === undefined ? {} : { chunkSizeAuto: row.chunkSizeAuto }),
    status: row.status,
    standing: row.standing,
    forks: row.forks,
    rounds: row.rounds,
    meanMs: figures?.meanMs ?? null,
    p50Ms: figures?.p50Ms ?? null,
    p99Ms: figures?.p99Ms ?? null,
    speedup: figures?.speedup.median ?? null,
    speedupInterval: figures == null ? null : [figures.speedup.low, figures.speedup.high],
    efficiency: figures?.efficiency ?? null,
    ceiling: figures?.ceiling ?? null,
    ...(fault === undefined ? {} : { fault }),
    overheadPerItemUs: figures?.overheadPerItemUs ?? null,
    cpuMs: figures?.cpuMs ?? null,
    cpuRatio: figures?.cpuRatio ?? null,
    peakRssMb: figures?.peakRssMb ?? null,
    startupMs: row.startupMs,
    firstMapMs: row.firstMapMs,
    ...(dropped === undefined
      ? {}
      : {
          dropped: {
            round: dropped.round,
            fork: dropped.fork,
            leader: dropped.leader,
            ratio: [dropped.ratio.median, dropped.ratio.low, dropped.ratio.high],
            reason: dropText(dropped, sweep),
          },
        }),
    ...(row.status === 'ok' || row.mismatch === undefined ? {} : { mismatch: row.mismatch }),
    ...(row.status === 'error' ? { error: row.error } : {}),
  };
}
