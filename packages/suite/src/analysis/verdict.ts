import type { OkRow, RatedEntry, RowResult, Verdict, VerdictEntry, WorkloadMeasurement } from '../model/index.js';
import { pairedTimeRatios } from './pairing.js';
import { estimateMedian } from './stats.js';

/** The combination a verdict names, with its chunk size only in a sweep, where that tells rows apart. */
export function verdictEntry(row: RowResult, sweep: boolean): VerdictEntry {
  return { backend: row.backend, workers: row.workers, ...(sweep ? { chunkSize: row.chunkSize, chunkSizeAuto: row.chunkSizeAuto } : {}) };
}

function ratedEntry(row: OkRow, sweep: boolean): RatedEntry {
  const { median, low, high } = row.figures.speedup;
  return { ...verdictEntry(row, sweep), speedup: median, interval: [low, high] };
}

/** Rows that take part in a verdict: every measured row but the reference, and the faulty ones apart. */
export function verdictCandidates(rows: readonly RowResult[], reference: string | undefined): { candidates: OkRow[]; faulty: OkRow[] } {
  const measured = rows.filter((row): row is OkRow => row.status === 'ok' && row.backend !== reference);
  return {
    candidates: measured.filter((row) => row.figures.fault === undefined).sort((a, b) => b.figures.speedup.median - a.figures.speedup.median),
    faulty: measured.filter((row) => row.figures.fault !== undefined),
  };
}

/**
 * The answer for one workload, from its rated rows (`rows[i]` rates `measurement.rows[i]`) and the
 * raw rounds behind them. The fastest row is the one with the highest median paired speed-up; it
 * beats the loop when its interval lies above 1. A row is tied with it when the interval of their
 * per-round time ratio includes 1. A pure function: the same measurement always gives the same verdict.
 */
export function decideVerdict(measurement: WorkloadMeasurement, rows: readonly RowResult[]): Verdict {
  const sweep = measurement.sweep === 'chunk-size';
  const samplesOf = new Map(rows.map((row, i) => [row, measurement.rows[i]?.samples ?? []]));
  const { candidates, faulty } = verdictCandidates(rows, measurement.rows[0]?.backend);
  const base = { workload: measurement.workload, faults: faulty.map((row) => verdictEntry(row, sweep)) };
  const best = candidates[0];
  if (best === undefined) return { ...base, outcome: 'no-answer' };
  const { low } = best.figures.speedup;
  if (low <= 1) {
    const likeTheLoop = candidates.filter(({ figures: { speedup } }) => speedup.low <= 1 && speedup.high >= 1);
    return { ...base, outcome: 'no-gain', best: ratedEntry(best, sweep), likeTheLoop: likeTheLoop.map((row) => verdictEntry(row, sweep)) };
  }
  const tied = candidates.slice(1).filter((row) => {
    const ratio = estimateMedian(pairedTimeRatios(samplesOf.get(row) ?? [], samplesOf.get(best) ?? []));
    // Rows of different batches share no round: then only their speed-up intervals can be compared.
    return ratio === undefined ? row.figures.speedup.high >= low : ratio.low <= 1;
  });
  return { ...base, outcome: 'winner', winner: ratedEntry(best, sweep), tied: tied.map((row) => verdictEntry(row, sweep)) };
}
