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
  /** Its standard error; Infinity when nothing tells how much it varies. */
  se: number;
  /** Degrees of freedom of the t quantile the interval takes. */
  df: number;
  forks: number;
  values: number;
  /** Variance between forks beyond what the rounds explain (σ²_b, at least 0); NaN when unknown. */
  betweenForks: number;
  /** Variance between rounds within a fork (σ²_w); NaN without two rounds in some fork. */
  withinForks: number;
}

/** The most weight, in degrees of freedom, the typical row's variance has when it moderates a row's own from two forks. */
const MODERATION_DF = 10;

/** What one set of forked values says on its own. */
interface SetStats {
  groups: number[][];
  means: number[];
  center: number;
  forks: number;
  values: number;
  /** Variance of the fork means (forks − 1 degrees of freedom), when there are two forks or more. */
  forkMeans: number | undefined;
  /** Sum of squared deviations within forks, and its degrees of freedom. */
  withinSquares: number;
  withinDf: number;
}

function statsOf(forks: ForkedValues): SetStats | undefined {
  const groups = forks.filter((values) => values.length > 0).map(winsorised);
  const values = groups.reduce((sum, group) => sum + group.length, 0);
  if (values === 0) return undefined;
  const means = groups.map(mean);
  const center = mean(means);
  const k = groups.length;
  return {
    groups,
    means,
    center,
    forks: k,
    values,
    forkMeans: k > 1 ? squaredDeviations(means, center) / (k - 1) : undefined,
    withinSquares: groups.reduce((sum, group, i) => sum + squaredDeviations(group, means[i] ?? 0), 0),
    withinDf: values - k,
  };
}

/**
 * Estimates for several sets measured together (the rows of one workload), each from its own
 * forks, with their variances pooled. Each fork counts once: its mean (winsorised at 3 robust
 * deviations from its median once it has four rounds or more). The variance of a fork's mean is
 * the largest of: the row's own (forks − 1 degrees of freedom; from two forks, moderated towards
 * the typical row's, since one degree of freedom is too wild to take alone); the typical row's (the median
 * over the rows timed in two forks or more, taken with their forks − 1 summed as its degrees of
 * freedom); and what the typical row's rounds within a fork predict. The interval takes the
 * degrees of freedom of whichever it was. Rows of one workload share most of the spread between
 * processes (the reference's, the machine's), so pooling lets three forks give an interval with
 * far more than two degrees of freedom, while a row noisier than the rest keeps its own, wider one.
 */
export function pooledEstimates(sets: readonly ForkedValues[]): Array<ForkedEstimate | undefined> {
  const stats = sets.map(statsOf);
  const known = stats.filter((s): s is SetStats => s !== undefined);
  const forked = known.filter((s) => s.forkMeans !== undefined);
  const betweenDf = forked.reduce((sum, s) => sum + s.forks - 1, 0);
  // The typical row's: one row much noisier than the rest keeps its own, and does not widen theirs.
  const betweenPooled = forked.length === 0 ? undefined : median(forked.map((s) => s.forkMeans ?? 0));
  const withinDf = known.reduce((sum, s) => sum + s.withinDf, 0);
  const withinPooled = withinDf === 0 ? undefined : median(known.filter((s) => s.withinDf > 0).map((s) => s.withinSquares / s.withinDf));
  return stats.map((s) => {
    if (s === undefined) return undefined;
    const perFork = s.values / s.forks;
    const options: Array<[variance: number, df: number]> = [];
    if (s.forkMeans !== undefined && s.forks > 2) options.push([s.forkMeans, s.forks - 1]);
    else if (s.forkMeans !== undefined && betweenPooled !== undefined && forked.length > 1) {
      // Two forks give a row's own variance one degree of freedom: too wild to take alone, it is
      // moderated towards the typical row's (Smyth's empirical Bayes, with that one's weight capped).
      const prior = Math.min(MODERATION_DF, Math.max(1, betweenDf - 1));
      options.push([(prior * betweenPooled + s.forkMeans) / (prior + 1), prior + 1]);
    } else if (s.forkMeans !== undefined) options.push([s.forkMeans, s.forks - 1]);
    if (betweenPooled !== undefined) options.push([betweenPooled, betweenDf]);
    if (withinPooled !== undefined) options.push([withinPooled / perFork, withinDf]);
    const [forkMeanVariance, df] = options.reduce((widest, option) => (option[0] > widest[0] ? option : widest), [Number.NEGATIVE_INFINITY, 1]);
    const withinForks = withinPooled ?? Number.NaN;
    const between = s.forkMeans ?? betweenPooled;
    return {
      center: s.center,
      se: Number.isFinite(forkMeanVariance) ? Math.sqrt(forkMeanVariance / s.forks) : Number.POSITIVE_INFINITY,
      df,
      forks: s.forks,
      values: s.values,
      betweenForks: between === undefined ? Number.NaN : Math.max(0, between - (Number.isNaN(withinForks) ? 0 : withinForks / perFork)),
      withinForks,
    };
  });
}

/** One set's estimate, pooled with nothing: its own forks and rounds only. */
export function forkedEstimate(forks: ForkedValues): ForkedEstimate | undefined {
  return pooledEstimates([forks])[0];
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
