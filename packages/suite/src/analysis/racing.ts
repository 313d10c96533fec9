import type { Drop, RowMeasurement } from '../model/index.js';
import { boundOf, forkedEstimate, type ForkedEstimate, type ForkedValues } from './hierarchy.js';
import { logRatiosByFork } from './pairing.js';
import { ratioInterval } from './rating.js';
import { mean } from './stats.js';

/** The error rate all of a row's looks may spend together: the chance that racing ever drops a row that is not worse. */
export const RACING_ALPHA = 0.05;

/**
 * The error rate look j may spend: α · 6 ÷ (π² j²). These sum to α over any number of looks, so
 * that looking after every fork cannot inflate the chance of a wrong drop beyond α (a union
 * bound over looks, as a confidence sequence does it).
 */
export function lookAlpha(look: number, alpha = RACING_ALPHA): number {
  return (alpha * 6) / (Math.PI ** 2 * look ** 2);
}

/** A row still in the race, and the reference it is paired with. */
export interface RaceInput {
  reference: RowMeasurement;
  /** The rows still being timed, the reference not among them. */
  racing: readonly RowMeasurement[];
  /** The equivalence margin, as a fraction. */
  margin: number;
  /** This look's number: 1 after the first fork. */
  look: number;
}

/**
 * The rows racing drops at this look. A row is dropped when, at the look's error rate, its
 * speed-up is below the current leader's by more than the margin: the upper bound of their ratio
 * lies below 1 ÷ (1 + margin). The reference is never in the race. A row that might still be the
 * one to show that parallelising pays is kept until some row has shown it.
 */
export function raceDrops({ reference, racing, margin, look }: RaceInput): Array<{ row: RowMeasurement; drop: Drop }> {
  const live = racing.filter((row) => row.stopped !== 'failed' && row.samples.length > 0);
  const confidence = 1 - lookAlpha(look);
  const speedups = estimates(
    live,
    live.map((row) => logRatiosByFork(row.samples, reference.samples)),
  );
  const leaderIndex = speedups.reduce((best, estimate, i) => (estimate.center > (speedups[best]?.center ?? Number.NEGATIVE_INFINITY) ? i : best), 0);
  const leader = live[leaderIndex];
  if (leader === undefined) return [];
  const paysShown = speedups.some((estimate) => boundOf(estimate, confidence, 'lower') > 0);
  const others = live.filter((row) => row !== leader);
  const ratios = estimates(
    others,
    others.map((row) => logRatiosByFork(row.samples, leader.samples)),
  );
  const lastSample = (row: RowMeasurement) => row.samples.at(-1);
  return others.flatMap((row, i) => {
    const ratio = ratios[i];
    const speedup = speedups[live.indexOf(row)];
    if (ratio === undefined || speedup === undefined) return [];
    const worse = boundOf(ratio, confidence, 'upper') < -Math.log1p(margin);
    const neededToPay = !paysShown && boundOf(speedup, confidence, 'upper') > 0;
    const last = lastSample(row);
    if (!worse || neededToPay || last === undefined) return [];
    const { backend, workers, chunkSize, chunkSizeAuto } = leader;
    return [{ row, drop: { round: last.round, fork: last.fork, leader: { backend, workers, chunkSize, chunkSizeAuto }, ratio: ratioInterval(ratio) } }];
  });
}

/**
 * Each row's estimate. Once rows have been timed in two forks or more, each has its own, with the
 * spread between forks in it. From one fork alone, each row has only a few rounds: their
 * variance is pooled over the rows (each row's own when it is larger), so that a look after the
 * first fork can tell a row far behind from the leader.
 */
function estimates(rows: readonly RowMeasurement[], values: readonly ForkedValues[]): ForkedEstimate[] {
  const own = values.map((forks) => forkedEstimate(forks));
  if (own.every((estimate) => estimate === undefined || estimate.forks > 1)) return own.map((estimate) => estimate ?? unknown());
  const residuals = values.map((forks) => forks.flat());
  const df = residuals.reduce((sum, list) => sum + Math.max(0, list.length - 1), 0);
  const pooled = residuals.reduce((sum, list) => sum + squaredDeviations(list), 0) / Math.max(1, df);
  return rows.map((_row, i) => {
    const estimate = own[i];
    const list = residuals[i] ?? [];
    if (estimate === undefined || estimate.forks > 1 || df === 0) return estimate ?? unknown();
    const variance = Math.max(pooled, list.length > 1 ? squaredDeviations(list) / (list.length - 1) : 0);
    return { ...estimate, se: Math.sqrt(variance / list.length), df };
  });
}

const unknown = (): ForkedEstimate => ({
  center: Number.NEGATIVE_INFINITY,
  se: Number.POSITIVE_INFINITY,
  df: 1,
  forks: 0,
  values: 0,
  betweenForks: Number.NaN,
  withinForks: Number.NaN,
});

function squaredDeviations(values: readonly number[]): number {
  const center = mean(values);
  return values.reduce((sum, value) => sum + (value - center) ** 2, 0);
}
