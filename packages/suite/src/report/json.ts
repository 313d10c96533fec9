import {
  MEASUREMENT_OPTIONS,
  type MachineInfo,
  type MeasurementOptions,
  type Mismatch,
  type RowComparison,
  type RowError,
  type RowKey,
  type RowResult,
  type SuiteOptions,
  type SuiteResult,
  type VerdictEntry,
  type WorkloadResult,
} from '../model/index.js';
import { faultText, VERDICT_RULE, verdictText } from './wording.js';

/**
 * Bumped whenever a field changes meaning or goes away; new fields do not bump it. Version 2:
 * paired rounds (speed-up intervals, verdicts, capacity per workload, CPU and memory per row).
 */
export const JSON_SCHEMA_VERSION = 2;

/** A row as the JSON report writes it: flat, with null where a figure is missing. */
export interface JsonRow extends RowKey {
  runsOn: RowResult['runsOn'];
  status: RowResult['status'];
  /** Rounds the row was timed in (the model calls them `rounds`). */
  samples: number;
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
  precise: boolean;
  outOfBudget: boolean;
  mismatch?: Mismatch;
  error?: RowError;
}

/** A verdict as the JSON report writes it. */
export interface JsonVerdict {
  workload: string;
  rule: string;
  winner: (VerdictEntry & { speedup: number; interval: [number, number] }) | null;
  /** Tied with the winner; with no winner, with the loop. */
  tied: VerdictEntry[];
  text: string;
}

export type JsonWorkload = Omit<WorkloadResult, 'rows' | 'verdict'>;

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
    workloads: result.finished.map(({ workload, description, items, reduced, sweep, capacity, rounds }) => ({
      workload,
      description,
      items,
      reduced,
      sweep,
      capacity,
      rounds,
    })),
    results: result.finished.flatMap((workload) => workload.rows.map(jsonRow)),
    comparison,
  };
}

function jsonVerdict({ verdict, sweep }: WorkloadResult): JsonVerdict {
  const winner = verdict.outcome === 'winner' ? verdict.winner : null;
  const tied = verdict.outcome === 'winner' ? verdict.tied : verdict.outcome === 'no-gain' ? verdict.likeTheLoop : [];
  return { workload: verdict.workload, rule: VERDICT_RULE, winner, tied, text: verdictText(verdict, sweep !== undefined) };
}

/** A row as the JSON report writes it. */
export function jsonRow(row: RowResult): JsonRow {
  const { figures } = row;
  const fault = faultText(row);
  return {
    workload: row.workload,
    backend: row.backend,
    runsOn: row.runsOn,
    workers: row.workers,
    chunkSize: row.chunkSize,
    ...(row.chunkSizeAuto === undefined ? {} : { chunkSizeAuto: row.chunkSizeAuto }),
    status: row.status,
    samples: row.rounds,
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
    precise: figures?.precise ?? false,
    outOfBudget: row.status === 'ok' && row.outOfBudget,
    ...(row.status === 'ok' || row.mismatch === undefined ? {} : { mismatch: row.mismatch }),
    ...(row.status === 'error' ? { error: row.error } : {}),
  };
}
