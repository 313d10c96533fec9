import {
  MEASUREMENT_OPTIONS,
  type MachineInfo,
  type MeasurementOptions,
  type RowComparison,
  type RowResult,
  type SuiteOptions,
  type SuiteResult,
  type WorkloadResult,
} from '../model/index.js';
import type { JsonReport, JsonRow, JsonVerdict, JsonWorkload } from './json-schema.js';
import { dropText, faultText, verdictRule, verdictText } from './wording.js';

export type { JsonDrop, JsonReport, JsonRow, JsonVerdict, JsonWorkload } from './json-schema.js';

/**
 * Bumped whenever a field changes meaning or goes away; new fields do not bump it. Version 3:
 * forks, racing and the three-way verdict (rows' `forks`, `rounds`, `standing`, `dropped`;
 * verdicts' `outcome`, `fastest`, `equivalent`, `undecided`, `margin`); `samples`, `precise`
 * and `outOfBudget` went away.
 */
export const JSON_SCHEMA_VERSION = 3;

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
    runtime: workload.runtime,
    loop: workload.loop ?? null,
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

function jsonVerdict({ verdict, sweep, runtime }: WorkloadResult): JsonVerdict {
  const pays = verdict.outcome === 'pays' ? verdict : undefined;
  const open = verdict.outcome === 'undecided' ? verdict : undefined;
  return {
    workload: verdict.workload,
    runtime,
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
    runtime: row.runtime ?? 'node',
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
