import { readFileSync } from 'node:fs';
import { InvalidOptionsError, messageOf } from '@parabench/core';
import Table from 'cli-table3';
import pc from 'picocolors';
import { formatMs } from './format.js';
import { JSON_SCHEMA_VERSION, type JsonReport } from './json-report.js';
import type { RowResult } from './results.js';

export type Change = 'faster' | 'slower' | 'same' | 'new';

export interface RowComparison {
  workload: string;
  backend: string;
  workers: number;
  chunkSize: number | 'auto' | null;
  baselineMs: number | null;
  meanMs: number | null;
  /** This run's mean ÷ the baseline's: below 1 is faster. */
  ratio: number | null;
  /** A change only when the ratio is further from 1 than both runs' margins of error together. */
  change: Change;
}

export function loadBaseline(file: string): JsonReport {
  let report: JsonReport;
  try {
    report = JSON.parse(readFileSync(file, 'utf8')) as JsonReport;
  } catch (error) {
    throw new InvalidOptionsError(`--compare: cannot read ${file}: ${messageOf(error)}`, { cause: error });
  }
  if (report.schemaVersion !== JSON_SCHEMA_VERSION || !Array.isArray(report.results)) {
    throw new InvalidOptionsError(`--compare: ${file} is not a parabench JSON report of schemaVersion ${JSON_SCHEMA_VERSION}`);
  }
  return report;
}

const key = (row: Pick<RowResult, 'workload' | 'backend' | 'workers' | 'chunkSize'>): string =>
  `${row.workload}\u0000${row.backend}\u0000${row.workers}\u0000${row.chunkSize ?? ''}`;

export function compareWithBaseline(baseline: JsonReport, rows: readonly RowResult[]): RowComparison[] {
  const before = new Map(baseline.results.map((row) => [key(row), row]));
  return rows.map((row) => {
    const old = before.get(key(row));
    const base = { workload: row.workload, backend: row.backend, workers: row.workers, chunkSize: row.chunkSize, meanMs: row.meanMs };
    if (old?.meanMs == null || row.meanMs === null) return { ...base, baselineMs: old?.meanMs ?? null, ratio: null, change: 'new' as const };
    const ratio = row.meanMs / old.meanMs;
    const noise = ((row.rme ?? 0) + (old.rme ?? 0)) / 100;
    const change: Change = Math.abs(ratio - 1) <= noise ? 'same' : ratio < 1 ? 'faster' : 'slower';
    return { ...base, baselineMs: old.meanMs, ratio, change };
  });
}

export function renderComparison(file: string, baseline: JsonReport, comparisons: readonly RowComparison[]): string {
  const table = new Table({
    head: ['workload', 'backend', 'workers', 'baseline', 'now', 'ratio', 'change'],
    colAligns: ['left', 'left', 'right', 'right', 'right', 'right', 'left'],
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  const paint = { faster: pc.green, slower: pc.red, same: pc.dim, new: pc.dim } as const;
  for (const c of comparisons) {
    table.push([c.workload, c.backend, String(c.workers), formatMs(c.baselineMs), formatMs(c.meanMs), c.ratio === null ? '—' : `${c.ratio.toFixed(2)}×`, paint[c.change](c.change)]);
  }
  return `Compared with ${file} (${baseline.createdAt}); a change only beyond both runs' margins of error:\n${table.toString()}\n`;
}
