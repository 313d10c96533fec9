import { formatMicros, formatMs, formatPercent, formatRatio } from './format.js';
import type { RowResult } from './results.js';
import type { WorkloadRun } from './run-suite.js';

/** The columns the Markdown and HTML reports share, as text cells. */
export const REPORT_COLUMNS = [
  'backend',
  'runs on',
  'workers',
  'chunk size',
  'mean ± rme',
  'p50',
  'p99',
  'samples',
  'start-up',
  'first map',
  'speed-up',
  'efficiency',
  'overhead per item',
  'agrees',
] as const;

export function reportCells(row: RowResult): string[] {
  return [
    row.backend,
    row.runsOn,
    String(row.workers),
    row.chunkSize === null ? '—' : String(row.chunkSize),
    row.meanMs === null ? '—' : `${formatMs(row.meanMs)} ± ${formatPercent(row.rme)}${row.unstable ? ' (unstable)' : ''}`,
    formatMs(row.p50Ms),
    formatMs(row.p99Ms),
    String(row.samples),
    formatMs(row.startupMs),
    formatMs(row.firstMapMs),
    formatRatio(row.speedup),
    row.efficiency === null ? '—' : row.efficiency.toFixed(2),
    row.overheadPerItemUs === null || row.backend === 'sequential' ? '—' : formatMicros(row.overheadPerItemUs),
    row.status === 'ok' ? '✓' : row.status === 'mismatch' ? '✗' : `error: ${row.error?.code ?? ''}`,
  ];
}

/**
 * hyperfine-style lines: "worker-threads × 2 ran 1.87 ± 0.03 times faster than sequential".
 * The ± combines both rows' margins of error (in quadrature).
 */
export function comparisonLines(run: WorkloadRun): string[] {
  const reference = run.rows.find((row) => row.backend === 'sequential');
  if (reference?.meanMs == null) return [];
  const label = (row: RowResult): string =>
    `${row.backend} × ${row.workers}${run.sweep === 'chunk-size' && row.chunkSize !== null ? ` (chunk size ${row.chunkSize})` : ''}`;
  return run.rows
    .filter((row) => row !== reference && row.meanMs !== null && row.status === 'ok')
    .map((row) => {
      const ratio = (reference.meanMs as number) / (row.meanMs as number);
      const faster = ratio >= 1;
      const shown = faster ? ratio : 1 / ratio;
      const spread = shown * Math.hypot((reference.rme ?? 0) / 100, (row.rme ?? 0) / 100);
      return `${label(row)} ran ${shown.toFixed(2)} ± ${spread.toFixed(2)} times ${faster ? 'faster' : 'slower'} than sequential`;
    });
}
