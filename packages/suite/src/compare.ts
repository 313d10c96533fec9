import { readFileSync } from 'node:fs';
import { InvalidOptionsError, messageOf } from '@parabench/core';
import Table from 'cli-table3';
import pc from 'picocolors';
import { formatRatio } from './format.js';
import { JSON_SCHEMA_VERSION, type JsonReport } from './json-report.js';
import type { RowKey, RowResult } from './results.js';

export type Change = 'faster' | 'slower' | 'same' | 'new';

export interface RowComparison extends RowKey {
  baselineSpeedup: number | null;
  speedup: number | null;
  /** This run's speed-up ÷ the baseline's: above 1 is faster now. */
  ratio: number | null;
  /** A change only when the two runs' 95% speed-up intervals do not overlap. */
  change: Change;
}

/** Reads a saved `--json` report for `--compare`; anything else, or an older schema, is a usage error that says what to do. */
export function loadBaseline(file: string): JsonReport {
  return loadReport(file, '--compare', 'Run the baseline again with this version to compare.');
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

// An automatic size keys as 'auto', whatever it came to: runs before sizes were reported stored 'auto'.
const key = (row: RowKey): string =>
  `${row.workload}\u0000${row.backend}\u0000${row.workers}\u0000${row.chunkSizeAuto === true ? 'auto' : (row.chunkSize ?? '')}`;

/**
 * Compares speed-ups over the plain loop, not times: each was measured against a loop run at the
 * same moments, so a machine that is busier today than on the baseline's day moves both alike.
 */
export function compareWithBaseline(baseline: JsonReport, rows: readonly RowResult[]): RowComparison[] {
  const before = new Map(baseline.results.map((row) => [key(row), row]));
  return rows.map((row) => {
    const old = before.get(key(row));
    const base = { workload: row.workload, backend: row.backend, workers: row.workers, chunkSize: row.chunkSize, speedup: row.speedup };
    if (old?.speedupInterval == null || old.speedup === null || row.speedupInterval === null || row.speedup === null) {
      return { ...base, baselineSpeedup: old?.speedup ?? null, ratio: null, change: 'new' as const };
    }
    const [low, high] = row.speedupInterval;
    const [oldLow, oldHigh] = old.speedupInterval;
    const change: Change = low > oldHigh ? 'faster' : high < oldLow ? 'slower' : 'same';
    return { ...base, baselineSpeedup: old.speedup, ratio: row.speedup / old.speedup, change };
  });
}

/** The comparison's rows, the same in the terminal and in Markdown: what changed, per combination. */
export function comparisonTable(comparisons: readonly RowComparison[]): { head: string[]; rows: string[][] } {
  return {
    head: ['workload', 'combination', 'baseline', 'now', 'change'],
    rows: comparisons.map((c) => [
      c.workload,
      `${c.backend} × ${c.workers}`,
      formatRatio(c.baselineSpeedup),
      formatRatio(c.speedup),
      c.ratio === null ? c.change : `${c.change} (${c.ratio.toFixed(2)}×)`,
    ]),
  };
}

/** What the comparison is and the rule it calls changes by. */
export function comparisonTitle(file: string, baseline: JsonReport): string {
  return `Compared with ${file} (${baseline.createdAt}); speed-ups over the plain loop, a change only where the two runs' 95% intervals do not overlap`;
}

export function renderComparison(file: string, baseline: JsonReport, comparisons: readonly RowComparison[]): string {
  const { head, rows } = comparisonTable(comparisons);
  const table = new Table({
    head,
    colAligns: ['left', 'left', 'right', 'right', 'left'],
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  const paint = { faster: pc.green, slower: pc.red, same: pc.dim, new: pc.dim } as const;
  for (const [i, c] of comparisons.entries()) table.push((rows[i] ?? []).map((cell, column) => (column === 4 ? paint[c.change](cell) : cell)));
  return `${comparisonTitle(file, baseline)}:\n${table.toString()}\n`;
}
