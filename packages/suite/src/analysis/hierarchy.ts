import { studentQuantile } from './student-t.js';
import { mean, median } from './stats.js';

/** Values (log ratios) grouped by the measuring process they were measured in: one array per fork. */
export type ForkedValues = ReadonlyArray<readonly number[]>;

/**
 * The mean of values measured in rounds within forks (fresh processes), with a standard error
 * that holds from one run to the next: it includes the spread between processes, not only
 * between rounds (Kalibera & Jones, "Rigorous benchmarking in reasonable time", ISMM 2013).
 */
export interface ForkedEstimate {
  /** The mean over forks of each fork's mean. */
  center: number;
  /** Its standard error; Infinity when there is only one value. */
  se: number;
  /** Degrees of freedom of the t quantile the interval takes. */
  df: number;
  forks: number;
  values: number;
  /** Variance between forks beyond what the rounds explain (σ²_b, at least 0). */
  betweenForks: number;
  /** Variance between rounds within a fork (σ²_w); NaN without two rounds in some fork. */
  withinForks: number;
}

/**
 * Each fork counts once: its mean (winsorised at 3 robust deviations from its median once it has
 * four rounds or more, so that one round caught by a neighbour's burst cannot carry it). With
 * several forks the standard error comes from the spread of the fork means, with forks − 1
 * degrees of freedom: that spread holds both the between-fork and the between-round noise. Only
 * when the fork means agree more closely than the rounds inside them predict (no between-fork
 * variance to see) does it fall back to the pooled rounds, with their degrees of freedom.
 */
export function forkedEstimate(forks: ForkedValues): ForkedEstimate | undefined {
  const groups = forks.filter((values) => values.length > 0).map(winsorised);
  const all = groups.flat();
  if (all.length === 0) return undefined;
  const k = groups.length;
  const means = groups.map(mean);
  const center = mean(means);
  const withinDf = all.length - k;
  const withinForks = withinDf > 0 ? groups.reduce((sum, values, i) => sum + squaredDeviations(values, means[i] ?? 0), 0) / withinDf : Number.NaN;
  const perFork = all.length / k;
  const base = { center, forks: k, values: all.length, withinForks };
  if (k === 1) {
    const se = withinDf > 0 ? Math.sqrt(withinForks / all.length) : Number.POSITIVE_INFINITY;
    return { ...base, se, df: Math.max(1, withinDf), betweenForks: Number.NaN };
  }
  const betweenMeans = squaredDeviations(means, center) / (k - 1);
  const roundsPredict = Number.isNaN(withinForks) ? 0 : withinForks / perFork;
  const betweenForks = Math.max(0, betweenMeans - roundsPredict);
  if (betweenMeans >= roundsPredict || withinDf === 0) return { ...base, se: Math.sqrt(betweenMeans / k), df: k - 1, betweenForks };
  return { ...base, se: Math.sqrt(withinForks / all.length), df: withinDf, betweenForks };
}

/** The two-sided interval at `confidence` around the center. */
export function intervalOf(estimate: ForkedEstimate, confidence: number): { low: number; high: number } {
  const half = studentQuantile(1 - (1 - confidence) / 2, estimate.df) * estimate.se;
  return { low: estimate.center - half, high: estimate.center + half };
}

/** The one-sided bound at `confidence`: the center is below it (`upper`) or above it (`lower`) with that confidence. */
export function boundOf(estimate: ForkedEstimate, confidence: number, side: 'upper' | 'lower'): number {
  const reach = studentQuantile(confidence, estimate.df) * estimate.se;
  return side === 'upper' ? estimate.center + reach : estimate.center - reach;
}

function squaredDeviations(values: readonly number[], center: number): number {
  return values.reduce((sum, value) => sum + (value - center) ** 2, 0);
}

/** Values clamped to median ± 3 robust standard deviations (1.4826 × MAD), from four values on. */
function winsorised(values: readonly number[]): number[] {
  if (values.length < 4) return [...values];
  const middle = median(values);
  const spread = 1.4826 * median(values.map((value) => Math.abs(value - middle)));
  if (!(spread > 0)) return [...values];
  return values.map((value) => Math.min(middle + 3 * spread, Math.max(middle - 3 * spread, value)));
}
