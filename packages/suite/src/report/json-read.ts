import { existsSync, readFileSync } from 'node:fs';
import { ErrorCode, InvalidOptionsError, messageOf } from '@parabench/core';
import { answerOf, rowKey, type RunAnswer } from '../analysis/agreement.js';
import type { Baseline, CapacitySummary, RowFigures, RowName, RowResult, Verdict, WorkloadResult } from '../model/index.js';
import { JSON_SCHEMA_VERSION, type JsonReport, type JsonRow, type JsonVerdict } from './json.js';

/** The oldest schema `--compare` still reads: version 2 rows carry the speed-ups and intervals it compares. */
const OLDEST_BASELINE = 2;

/** A saved JSON report, or undefined when there is none at `path` or it cannot be read: for a reader that has a fallback. */
export function readReport(path: string): JsonReport | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as JsonReport;
  } catch {
    return undefined;
  }
}

/**
 * Reads a saved `--json` report for `flag`, of a schema version from `oldest` to the current one;
 * anything else is a usage error that says what to do (`remedy`).
 */
export function loadReport(file: string, flag: string, remedy: string, oldest = JSON_SCHEMA_VERSION): JsonReport {
  let report: Partial<JsonReport>;
  try {
    report = JSON.parse(readFileSync(file, 'utf8')) as Partial<JsonReport>;
  } catch (error) {
    throw new InvalidOptionsError(`${flag}: ${file} cannot be read: ${messageOf(error)}`, { cause: error });
  }
  const version = report.schemaVersion;
  const readable = oldest === JSON_SCHEMA_VERSION ? `${JSON_SCHEMA_VERSION}` : `${oldest} to ${JSON_SCHEMA_VERSION}`;
  if (typeof version === 'number' && (version < oldest || version > JSON_SCHEMA_VERSION) && Array.isArray(report.results)) {
    throw new InvalidOptionsError(
      `${flag}: ${file} is a parabench report of schemaVersion ${version}; this version reads schemaVersion ${readable}. ${remedy}`,
    );
  }
  if (typeof version !== 'number' || !Array.isArray(report.results)) {
    throw new InvalidOptionsError(`${flag}: ${file} is not a parabench JSON report of schemaVersion ${readable}`);
  }
  return report as JsonReport;
}

/** Reads a saved `--json` report (schema 2 or 3) as the baseline of `--compare`. */
export function loadBaseline(file: string): Baseline {
  return baselineFromReport(file, loadReport(file, '--compare', 'Run the baseline again with this version to compare.', OLDEST_BASELINE));
}

/** A report read, as the baseline `--compare` compares with. */
export function baselineFromReport(file: string, report: JsonReport): Baseline {
  return {
    file,
    createdAt: report.createdAt,
    schemaVersion: report.schemaVersion,
    machine: report.machine,
    size: report.options.size,
    seed: report.options.seed,
    workloads: report.workloads.map(({ workload, items, inputDigest }) => ({ workload, items, inputDigest: inputDigest ?? undefined })),
    rows: report.results.map(rowFromJson),
  };
}

/** The finished workloads of a JSON report (the current schema), as every report reads them: to resume, or to render again. */
export function resultsFromReport(report: JsonReport): WorkloadResult[] {
  return report.workloads.map((workload): WorkloadResult => {
    const runtime = workload.runtime ?? 'node';
    const same = (entry: { workload: string; runtime?: string }): boolean => entry.workload === workload.workload && (entry.runtime ?? 'node') === runtime;
    const rows = report.results.filter(same).map(rowFromJson);
    const saved = report.verdicts.find(same);
    return {
      workload: workload.workload,
      runtime,
      loop: workload.loop ?? undefined,
      description: workload.description,
      items: workload.items,
      reduced: workload.reduced,
      sweep: workload.sweep,
      rows,
      verdict: verdictFromJson(saved, workload.workload),
      capacity: workload.capacity.map(capacityFromJson),
      rounds: workload.rounds,
      forks: workload.forks,
      variance: workload.variance ?? undefined,
      inputDigest: workload.inputDigest ?? undefined,
      seconds: workload.seconds ?? 0,
      forkTimes: workload.forkTimes ?? [],
    };
  });
}

/** A row as the model holds it, from the flat JSON row (schema 2 rows have no forks or standing: one fork, undecided). */
export function rowFromJson(json: JsonRow & { samples?: number }): RowResult {
  const { meanMs, p50Ms, p99Ms, speedup, speedupInterval, efficiency, ceiling, fault, overheadPerItemUs, cpuMs, cpuRatio, peakRssMb } = json;
  const figures: RowFigures | null =
    speedup === null || speedupInterval === null || meanMs === null || p50Ms === null || p99Ms === null
      ? null
      : {
          meanMs,
          p50Ms,
          p99Ms,
          speedup: { median: speedup, low: speedupInterval[0], high: speedupInterval[1] },
          efficiency,
          ceiling,
          // The report keeps the fault in words; its efficiency is the first figure in them.
          fault: fault === undefined ? undefined : { efficiency: Number(/^efficiency ([\d.]+)/.exec(fault)?.[1] ?? Number.NaN) },
          overheadPerItemUs,
          cpuMs,
          cpuRatio,
          peakRssMb,
        };
  const base = {
    workload: json.workload,
    ...(json.runtime === undefined || json.runtime === 'node' ? {} : { runtime: json.runtime }),
    backend: json.backend,
    runsOn: json.runsOn,
    workers: json.workers,
    chunkSize: json.chunkSize,
    ...(json.chunkSizeAuto === undefined ? {} : { chunkSizeAuto: json.chunkSizeAuto }),
    rounds: json.rounds ?? json.samples ?? 0,
    forks: json.forks ?? 1,
    startupMs: json.startupMs,
    firstMapMs: json.firstMapMs,
    standing: json.standing ?? (json.status === 'ok' ? 'undecided' : 'failed'),
  };
  if (json.error !== undefined)
    return { ...base, status: 'error', figures, error: json.error, ...(json.mismatch === undefined ? {} : { mismatch: json.mismatch }) };
  if (json.mismatch !== undefined) return { ...base, status: 'mismatch', figures, mismatch: json.mismatch };
  if (figures === null)
    return { ...base, status: 'error', figures, error: { code: ErrorCode.BackendFailed, message: 'the report holds no figures for this row' } };
  const dropped = json.dropped;
  return {
    ...base,
    status: 'ok',
    figures,
    ...(dropped === undefined
      ? {}
      : {
          dropped: {
            round: dropped.round,
            fork: dropped.fork,
            leader: dropped.leader,
            ratio: { median: dropped.ratio[0], low: dropped.ratio[1], high: dropped.ratio[2] },
          },
        }),
  };
}

/** A capacity summary. Earlier reports of schema 3 named its extremes `low` and `high`, which read as an interval they are not. */
function capacityFromJson(entry: CapacitySummary | (Omit<CapacitySummary, 'min' | 'max'> & { low: number; high: number })): CapacitySummary {
  if ('min' in entry) return entry;
  return { workers: entry.workers, median: entry.median, min: entry.low, max: entry.high };
}

/** The verdict as the model holds it. */
function verdictFromJson(saved: JsonVerdict | undefined, workload: string): Verdict {
  const base = { workload, margin: saved?.margin ?? 0, faults: saved?.faults ?? [] };
  if (saved?.outcome === 'pays' && saved.fastest !== null)
    return { ...base, outcome: 'pays', fastest: saved.fastest, equivalent: saved.equivalent, undecided: saved.undecided };
  if (saved?.outcome === 'does-not-pay' && saved.best !== null) return { ...base, outcome: 'does-not-pay', best: saved.best };
  if (saved?.outcome === 'undecided' && saved.best !== null) {
    return {
      ...base,
      outcome: 'undecided',
      best: saved.best,
      moreSeconds: saved.moreSeconds,
      capacitySwing: saved.capacitySwing === null ? undefined : capacityFromJson(saved.capacitySwing),
    };
  }
  return { ...base, outcome: 'no-answer' };
}

/**
 * A saved run's answers, as `--repeat`'s agreement reads them: from a schema 3 report, its
 * verdicts; from a schema 2 one (which had a winner and rows tied with it, or none), the winner as
 * the fastest and the tied rows as still in the running.
 */
export function answersFromReport(report: JsonReport): RunAnswer[] {
  if (report.schemaVersion >= 3) return resultsFromReport(report).map(answerOf);
  const old = report as unknown as { verdicts: Array<{ workload: string; winner: RowName | null; tied: RowName[] }> };
  return report.workloads.map(({ workload }) => {
    const rows = report.results
      .filter((row) => row.workload === workload)
      .map(rowFromJson)
      .slice(1);
    const speedups = new Map(rows.flatMap((row) => (row.status === 'ok' ? [[rowKey(row), row.figures.speedup] as const] : [])));
    const verdict = old.verdicts.find((entry) => entry.workload === workload);
    if (verdict?.winner == null) return { workload, outcome: 'does-not-pay' as const, fastest: undefined, contenders: [], decided: [], speedups };
    const fastest = rowKey(verdict.winner);
    const tied = verdict.tied.map(rowKey);
    return { workload, outcome: 'pays' as const, fastest, contenders: [fastest, ...tied], decided: [fastest, ...tied], speedups };
  });
}
