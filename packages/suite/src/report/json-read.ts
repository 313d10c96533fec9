import { existsSync, readFileSync } from 'node:fs';
import { ErrorCode, InvalidOptionsError, messageOf } from '@parabench/core';
import { verdictCandidates, verdictEntry } from '../analysis/verdict.js';
import type { Baseline, RowFigures, RowResult, Verdict, WorkloadResult } from '../model/index.js';
import { JSON_SCHEMA_VERSION, type JsonReport, type JsonRow, type JsonVerdict } from './json.js';

/** A saved JSON report, or undefined when there is none at `path` or it cannot be read: for a reader that has a fallback. */
export function readReport(path: string): JsonReport | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as JsonReport;
  } catch {
    return undefined;
  }
}

/** Reads a saved `--json` report for `flag`; anything else, or an older schema, is a usage error that says what to do (`remedy`). */
export function loadReport(file: string, flag: string, remedy: string): JsonReport {
  let report: Partial<JsonReport>;
  try {
    report = JSON.parse(readFileSync(file, 'utf8')) as Partial<JsonReport>;
  } catch (error) {
    throw new InvalidOptionsError(`${flag}: cannot read ${file}: ${messageOf(error)}`, { cause: error });
  }
  if (typeof report.schemaVersion === 'number' && report.schemaVersion < JSON_SCHEMA_VERSION) {
    throw new InvalidOptionsError(
      `${flag}: ${file} is a parabench report of schemaVersion ${report.schemaVersion}, from before paired rounds; this version reads schemaVersion ${JSON_SCHEMA_VERSION}. ${remedy}`,
    );
  }
  if (report.schemaVersion !== JSON_SCHEMA_VERSION || !Array.isArray(report.results)) {
    throw new InvalidOptionsError(`${flag}: ${file} is not a parabench JSON report of schemaVersion ${JSON_SCHEMA_VERSION}`);
  }
  return report as JsonReport;
}

/** Reads a saved `--json` report as the baseline of `--compare`. */
export function loadBaseline(file: string): Baseline {
  const report = loadReport(file, '--compare', 'Run the baseline again with this version to compare.');
  return { file, createdAt: report.createdAt, rows: report.results.map(rowFromJson) };
}

/** The finished workloads of a JSON report, as every report reads them: to resume, or to render again. */
export function resultsFromReport(report: JsonReport): WorkloadResult[] {
  return report.workloads.map((workload): WorkloadResult => {
    const rows = report.results.filter((row) => row.workload === workload.workload).map(rowFromJson);
    const saved = report.verdicts.find((verdict) => verdict.workload === workload.workload);
    return { ...workload, rows, verdict: verdictFromJson(saved, workload.workload, rows, workload.sweep !== undefined) };
  });
}

/** A row as the model holds it, from the flat JSON row. */
export function rowFromJson(json: JsonRow): RowResult {
  const { samples, meanMs, p50Ms, p99Ms, speedup, speedupInterval, efficiency, ceiling, fault, overheadPerItemUs, cpuMs, cpuRatio, peakRssMb } = json;
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
          precise: json.precise,
        };
  const base = {
    workload: json.workload,
    backend: json.backend,
    runsOn: json.runsOn,
    workers: json.workers,
    chunkSize: json.chunkSize,
    ...(json.chunkSizeAuto === undefined ? {} : { chunkSizeAuto: json.chunkSizeAuto }),
    rounds: samples,
    startupMs: json.startupMs,
    firstMapMs: json.firstMapMs,
  };
  if (json.error !== undefined)
    return { ...base, status: 'error', figures, error: json.error, ...(json.mismatch === undefined ? {} : { mismatch: json.mismatch }) };
  if (json.mismatch !== undefined) return { ...base, status: 'mismatch', figures, mismatch: json.mismatch };
  if (figures === null)
    return { ...base, status: 'error', figures, error: { code: ErrorCode.BackendFailed, message: 'the report holds no figures for this row' } };
  return { ...base, status: 'ok', figures, outOfBudget: json.outOfBudget };
}

/** The verdict as the model holds it: what the JSON says, with what it leaves to the rows (the best row, the faults) read from them. */
function verdictFromJson(saved: JsonVerdict | undefined, workload: string, rows: readonly RowResult[], sweep: boolean): Verdict {
  const { candidates, faulty } = verdictCandidates(rows, rows[0]?.backend);
  const base = { workload, faults: faulty.map((row) => verdictEntry(row, sweep)) };
  if (saved?.winner != null) return { ...base, outcome: 'winner', winner: saved.winner, tied: saved.tied };
  const best = candidates[0];
  if (best === undefined) return { ...base, outcome: 'no-answer' };
  const { median, low, high } = best.figures.speedup;
  return { ...base, outcome: 'no-gain', best: { ...verdictEntry(best, sweep), speedup: median, interval: [low, high] }, likeTheLoop: saved?.tied ?? [] };
}
