/** The confidence of every interval the suite reports. */
const CONFIDENCE = 0.95;

/** A median with its distribution-free confidence interval. */
export interface MedianEstimate {
  median: number;
  low: number;
  high: number;
  /**
   * The interval's actual coverage, from the binomial distribution of order statistics: at least
   * {@link CONFIDENCE} from 6 samples on; with fewer, the interval is the samples' full range and
   * covers less.
   */
  coverage: number;
  samples: number;
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/**
 * The median and the interval between two order statistics, x(k) and x(n+1−k), with the largest k
 * whose coverage 1 − 2·P(Binomial(n, ½) < k) is still at least {@link CONFIDENCE}. It assumes
 * nothing about the shape of the noise, so a few rounds hit by a neighbour's burst widen the
 * interval rather than move it.
 */
export function estimateMedian(values: readonly number[]): MedianEstimate | undefined {
  const n = values.length;
  if (n === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  let k = 1;
  while (k + 1 <= n / 2 && coverage(n, k + 1) >= CONFIDENCE) k++;
  return { median: median(sorted), low: at(sorted, k - 1), high: at(sorted, n - k), coverage: coverage(n, k), samples: n };
}

/** P(x(k) ≤ median ≤ x(n+1−k)) for n samples of any continuous distribution. */
function coverage(n: number, k: number): number {
  let below = 0;
  let term = 0.5 ** n; // P(B = 0)
  for (let j = 0; j < k; j++) {
    below += term;
    term = (term * (n - j)) / (j + 1);
  }
  return Math.max(0, 1 - 2 * below);
}

/** Half the interval's width relative to its median: the "±" a row is measured to. */
export function relativeHalfWidth(estimate: Pick<MedianEstimate, 'median' | 'low' | 'high'>): number {
  return (estimate.high - estimate.low) / 2 / Math.abs(estimate.median);
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** The q-quantile (0 ≤ q ≤ 1), interpolating between order statistics. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return at(sorted, below) + (at(sorted, above) - at(sorted, below)) * (position - below);
}

/** The element at an index the caller has checked is in range. */
function at(sorted: readonly number[], index: number): number {
  return sorted[index] ?? Number.NaN;
}
