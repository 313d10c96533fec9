import { formatInterval, formatRatio, rowLabel } from './format.js';
import { pairedTimeRatios } from './rating.js';
import type { RowResult, Verdict, VerdictEntry, WorkloadMeasurement } from './results.js';
import { estimateMedian } from './stats.js';

/** How the verdict is decided, stated in every report. */
export const VERDICT_RULE =
  "fastest: the highest median paired speed-up (the reference's time ÷ the row's, in the same round); " +
  'it beats the plain loop when the 95% interval of that median lies above 1; tied: the 95% interval of the median ' +
  'per-round time ratio against the fastest includes 1 (a sign-test interval over the rounds both ran in; ' +
  'rows that share no round are tied when their speed-up intervals overlap)';

/**
 * The answer for one workload, from its rated rows (`rows[i]` rates `measurement.rows[i]`) and the
 * raw rounds behind them. A pure function: the same measurement always gives the same verdict.
 */
export function decideVerdict(measurement: WorkloadMeasurement, rows: readonly RowResult[]): Verdict {
  const sweep = measurement.sweep === 'chunk-size';
  const entry = (row: RowResult): VerdictEntry => ({
    backend: row.backend,
    workers: row.workers,
    ...(sweep ? { chunkSize: row.chunkSize, chunkSizeAuto: row.chunkSizeAuto } : {}),
  });
  const label = (row: RowResult): string => rowLabel(row, sweep);
  const reference = measurement.rows[0]?.backend;
  const samplesOf = new Map(rows.map((row, i) => [row, measurement.rows[i]?.samples ?? []]));
  const measured = rows.filter((row) => row.status === 'ok' && row.backend !== reference && row.speedup !== null && row.speedupInterval !== null);
  // A row whose efficiency cannot be true is a fault of the measurement, not a result: it takes no part.
  const faulty = measured.filter((row) => row.fault !== undefined);
  const candidates = measured.filter((row) => row.fault === undefined).sort((a, b) => (b.speedup as number) - (a.speedup as number));
  const leftOut = faulty.length === 0 ? '' : ` Left out as faults of the measurement: ${faulty.map(label).join(', ')}.`;
  const base = { workload: measurement.workload, rule: VERDICT_RULE };
  const best = candidates[0];
  if (best === undefined) {
    return { ...base, winner: null, tied: [], text: `No combination completed, so there is no answer: see the failures below.${leftOut}` };
  }
  const [low, high] = best.speedupInterval as [number, number];
  if (low <= 1) {
    const likeTheLoop = candidates.filter((row) => (row.speedupInterval as [number, number])[0] <= 1 && (row.speedupInterval as [number, number])[1] >= 1);
    return {
      ...base,
      winner: null,
      tied: likeTheLoop.map(entry),
      text:
        `Nothing beats the plain loop: parallelising ${measurement.workload} does not pay on this machine ` +
        `(best: ${label(best)} at ${formatRatio(best.speedup)} ${formatInterval(best.speedupInterval)}).${leftOut}`,
    };
  }
  const tied = candidates.slice(1).filter((row) => {
    const ratio = estimateMedian(pairedTimeRatios(samplesOf.get(row) ?? [], samplesOf.get(best) ?? []));
    // Rows of different batches share no round: then only their speed-up intervals can be compared.
    return ratio === undefined ? (row.speedupInterval as [number, number])[1] >= low : ratio.low <= 1;
  });
  const ties = tied.length === 0 ? 'nothing else is within the noise' : `tied with ${tied.map(label).join(', ')}`;
  return {
    ...base,
    winner: { ...entry(best), speedup: best.speedup as number, interval: [low, high] },
    tied: tied.map(entry),
    text: `${label(best)} is fastest: ${formatRatio(best.speedup)} the plain loop ${formatInterval(best.speedupInterval)}; ${ties}.${leftOut}`,
  };
}
