import type { Baseline, Change, RowComparison, RowKey, RowResult } from '../model/index.js';

// An automatic size keys as 'auto', whatever it came to: runs before sizes were reported stored 'auto'.
const key = (row: RowKey): string =>
  `${row.workload}\u0000${row.runtime ?? 'node'}\u0000${row.backend}\u0000${row.workers}\u0000${row.chunkSizeAuto === true ? 'auto' : (row.chunkSize ?? '')}`;

/**
 * Compares speed-ups over the plain loop, not times: each was measured against a loop run at the
 * same moments, so a machine that is busier today than on the baseline's day moves both alike.
 * A change is called only where the two runs' 95% intervals do not overlap.
 */
export function compareWithBaseline(baseline: Baseline, rows: readonly RowResult[]): RowComparison[] {
  const before = new Map(baseline.rows.map((row) => [key(row), row]));
  return rows.map((row) => {
    const old = before.get(key(row));
    const now = row.figures?.speedup ?? null;
    const then = old?.figures?.speedup ?? null;
    const base = { workload: row.workload, backend: row.backend, workers: row.workers, chunkSize: row.chunkSize, speedup: now?.median ?? null };
    if (now === null || then === null) return { ...base, baselineSpeedup: then?.median ?? null, ratio: null, change: 'new' };
    const change: Change = now.low > then.high ? 'faster' : now.high < then.low ? 'slower' : 'same';
    return { ...base, baselineSpeedup: then.median, ratio: now.median / then.median, change };
  });
}
