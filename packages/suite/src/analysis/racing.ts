import type { Drop, RowMeasurement } from '../model/index.js';
import { boundOf, pooledEstimates, type ForkedEstimate } from './hierarchy.js';
import { logRatiosByFork } from './pairing.js';
import { ratioInterval } from './rating.js';

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

/**
 * How far behind the leader a row must be shown, besides the margin, while only one fork has
 * measured it: the spread between processes is not known yet, and one fork's two rounds can both
 * land in a neighbour's burst (a row's round-to-round swing reached 20% here: json-tasks,
 * worker-threads × 2 at 1.52× and 1.91× in one fork).
 *
 * - `fewerWorkers`, for a row with fewer workers than the leader: its distance comes mostly from
 *   the worker count, which is the same in every process. A row 1 ÷ (1.03 × 1.3) ≈ 0.75× the
 *   leader or less, like one worker against two cores, is out at once.
 * - `peer`, for a row with as many workers as the leader or more: it differs from the leader in
 *   how it sends work, and that is what swings between processes. membership's tinypool × 2 came
 *   out at 1.78× [1.25–2.53] over one run's three forks and at 1.33× in another run's first fork,
 *   0.67× its leader there. Such a row goes at once only below 1 ÷ (1.03 × 1.6) ≈ 0.61× the
 *   leader (the event loop on work that computes); closer ones wait for a second fork.
 */
export const FIRST_FORK_ALLOWANCE = { fewerWorkers: 0.3, peer: 0.6 } as const;

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
 * lies below 1 ÷ (1 + margin), and, while one fork alone has measured it, below that by
 * {@link FIRST_FORK_ALLOWANCE} more (more for a row with the leader's worker count than for one with fewer). The reference is never in the race.
 *
 * No row needed to decide whether parallelising pays is dropped, and a row shown worse is not
 * needed: if it paid, the leader, shown faster than it by the margin, would pay too, and the
 * leader stays. So the question is left to the rows still racing, which go on meeting the
 * reference in every round. (Keeping every row that might pay until one had shown it kept all 19
 * rows of json-tasks and transfer in every fork on a busy day, for no verdict that needed them.)
 * Variances are pooled
 * over the rows (see `pooledEstimates`), so that a look after the first fork, when each row has
 * only a few rounds, can already tell a row far behind from the leader.
 */
export function raceDrops({ reference, racing, margin, look }: RaceInput): Array<{ row: RowMeasurement; drop: Drop }> {
  const live = racing.filter((row) => row.stopped !== 'failed' && row.samples.length > 0);
  const confidence = 1 - lookAlpha(look);
  const speedups = pooledEstimates(live.map((row) => logRatiosByFork(row.samples, reference.samples))).map((estimate) => estimate ?? unknown);
  const leaderIndex = speedups.reduce((best, estimate, i) => (estimate.center > (speedups[best]?.center ?? Number.NEGATIVE_INFINITY) ? i : best), 0);
  const leader = live[leaderIndex];
  if (leader === undefined) return [];
  const others = live.filter((row) => row !== leader);
  const ratios = pooledEstimates(others.map((row) => logRatiosByFork(row.samples, leader.samples))).map((estimate) => estimate ?? unknown);
  const lastSample = (row: RowMeasurement) => row.samples.at(-1);
  return others.flatMap((row, i) => {
    const ratio = ratios[i];
    if (ratio === undefined) return [];
    const allowance = row.workers < leader.workers ? FIRST_FORK_ALLOWANCE.fewerWorkers : FIRST_FORK_ALLOWANCE.peer;
    const behind = ratio.forks > 1 ? Math.log1p(margin) : Math.log1p(margin) + Math.log1p(allowance);
    const worse = boundOf(ratio, confidence, 'upper') < -behind;
    const last = lastSample(row);
    if (!worse || last === undefined) return [];
    const { backend, workers, chunkSize, chunkSizeAuto } = leader;
    return [{ row, drop: { round: last.round, fork: last.fork, leader: { backend, workers, chunkSize, chunkSizeAuto }, ratio: ratioInterval(ratio) } }];
  });
}

/** An estimate of nothing: never a leader, never dropped. */
const unknown: ForkedEstimate = {
  center: Number.NEGATIVE_INFINITY,
  se: Number.POSITIVE_INFINITY,
  df: 1,
  forks: 0,
  values: 0,
  betweenForks: Number.NaN,
  withinForks: Number.NaN,
};
