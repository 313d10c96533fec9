import type { RowComparison } from './compare.js';
import type { MachineInfo } from './machine.js';
import type { SuiteOptions } from './options.js';
import type { RowResult, Verdict, WorkloadRun } from './results.js';
import type { SuiteResult } from './run-suite.js';

/**
 * Bumped whenever a field changes meaning or goes away; new fields do not bump it. Version 2:
 * paired rounds (speed-up intervals, verdicts, capacity per workload, CPU and memory per row).
 */
export const JSON_SCHEMA_VERSION = 2;

/** The options that decide what is measured and how: a resumed run must have the same. */
export const MEASUREMENT_OPTIONS = [
  'workloads',
  'backends',
  'size',
  'seed',
  'workers',
  'time',
  'minRounds',
  'precision',
  'slot',
  'warmup',
  'maxLiveWorkers',
  'maxMemory',
  'timeout',
  'chunkSize',
  'gc',
  'sweep',
] as const satisfies ReadonlyArray<keyof SuiteOptions>;

export type MeasurementOptions = Pick<SuiteOptions, (typeof MEASUREMENT_OPTIONS)[number]>;

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
  verdicts: Array<Omit<Verdict, 'text'> & { text: string }>;
  workloads: Array<Omit<WorkloadRun, 'rows' | 'verdict'>>;
  results: RowResult[];
  /** With `--compare`: each row against the same row of the saved run. */
  comparison?: RowComparison[] | undefined;
}

export function buildJsonReport(machine: MachineInfo, options: SuiteOptions, result: SuiteResult): JsonReport {
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    createdAt: new Date().toISOString(),
    complete: result.remaining.length === 0,
    remaining: result.remaining,
    plan: result.plan,
    machine,
    options: Object.fromEntries(MEASUREMENT_OPTIONS.map((key) => [key, options[key] ?? null])) as MeasurementOptions,
    verdicts: result.runs.map((run) => run.verdict),
    workloads: result.runs.map(({ rows: _rows, verdict: _verdict, ...workload }) => workload),
    results: result.runs.flatMap((run) => run.rows),
  };
}
