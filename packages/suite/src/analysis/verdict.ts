import type { CapacitySummary, OkRow, RatedEntry, RowName, RowResult, UndecidedEntry, Verdict, VerdictEntry, WorkloadMeasurement } from '../model/index.js';
import { intervalOf, pooledEstimates, type ForkedEstimate } from './hierarchy.js';
import { logRatiosByFork } from './pairing.js';
import { CONFIDENCE } from './rating.js';
import { studentQuantile } from './student-t.js';

/** Equivalence is shown the way two one-sided tests at 5% each show it: the 90% interval of the ratio lies within the margin. */
const EQUIVALENCE_CONFIDENCE = 0.9;

/** The combination a verdict names, with its chunk size only in a sweep, where that tells rows apart. */
export function verdictEntry(row: RowResult, sweep: boolean): VerdictEntry {
  return { backend: row.backend, workers: row.workers, ...(sweep ? { chunkSize: row.chunkSize, chunkSizeAuto: row.chunkSizeAuto } : {}) };
}

function ratedEntry(row: OkRow, sweep: boolean): RatedEntry {
  const { median, low, high } = row.figures.speedup;
  return { ...verdictEntry(row, sweep), speedup: median, interval: [low, high] };
}

/** What a verdict needs besides the rated rows: the workload's capacity, and each row's estimate of its log speed-up. */
export interface VerdictContext {
  capacity: readonly CapacitySummary[];
  /** `speedups[i]` estimates `rows[i]`'s log speed-up (see `speedupEstimates`). */
  speedups: ReadonlyArray<ForkedEstimate | undefined>;
}

/**
 * The answer for one workload, three ways. Parallelising **pays** when some row's 95% interval
 * lies above 1; then the fastest is the row with the highest speed-up, and every other row still
 * in the race is, against it, **equivalent** (the 90% interval of their ratio lies within the
 * margin: two one-sided tests), **slower** (the 95% interval lies below 1), or **undecided**. It
 * **does not pay** when every row still in the race has its interval below 1 + margin (each dropped
 * row was shown slower than one of them); otherwise that question is
 * itself undecided. Rows flagged as faults of the measurement take no part, except that one that
 * would pay even at the machine's capacity keeps the answer from being "does not pay". A pure
 * function of the rated rows (`rows[i]` rates `measurement.rows[i]`) and the raw rounds behind them.
 */
export function decideVerdict(measurement: WorkloadMeasurement, rows: readonly RowResult[], context: VerdictContext): Verdict {
  const sweep = measurement.sweep === 'chunk-size';
  const samplesOf = new Map(rows.map((row, i) => [row, measurement.rows[i]?.samples ?? []]));
  const candidates = rows.filter((row): row is OkRow => row.status === 'ok' && row.standing !== 'reference' && row.figures.fault === undefined);
  const faulted = rows.filter((row): row is OkRow => row.status === 'ok' && row.standing !== 'reference' && row.figures.fault !== undefined);
  const base = {
    workload: measurement.workload,
    margin: measurement.marginFraction,
    faults: faulted.map((row) => verdictEntry(row, sweep)),
  };
  const byEstimate = [...candidates].sort((a, b) => b.figures.speedup.median - a.figures.speedup.median);
  const best = byEstimate[0];
  if (best === undefined) return { ...base, outcome: 'no-answer' };
  const pace = secondsPerFork(measurement);
  const racing = stillRacing(candidates, sweep);
  const fastest = byEstimate.find((row) => racing.has(row)) ?? best;
  if (candidates.some((row) => row.figures.speedup.low > 1)) {
    const others = byEstimate.filter((row) => row !== fastest && racing.has(row));
    const ratios = pooledEstimates(others.map((row) => logRatiosByFork(samplesOf.get(row) ?? [], samplesOf.get(fastest) ?? [])));
    const equivalent: RatedEntry[] = [];
    const undecided: UndecidedEntry[] = [];
    for (const [i, row] of others.entries()) {
      const ratio = ratios[i];
      const standing = ratio === undefined ? 'undecided' : standingAgainst(ratio, base.margin, others.length);
      if (standing === 'equivalent') equivalent.push(ratedEntry(row, sweep));
      if (standing === 'undecided')
        undecided.push({ ...ratedEntry(row, sweep), moreSeconds: ratio === undefined ? null : moreSeconds(ratio, base.margin, pace) });
    }
    return { ...base, outcome: 'pays', fastest: ratedEntry(fastest, sweep), equivalent, undecided };
  }
  // A dropped row was shown slower than a row still racing by the margin: if the rows still racing
  // do not pay, neither does it, whatever its own interval, drawn from fewer forks, still allows.
  const stayed = candidates.filter((row) => racing.has(row));
  const judged = stayed.length > 0 ? stayed : candidates;
  if (!faultsWouldPay(faulted, context.capacity, base.margin) && judged.every((row) => row.figures.speedup.high <= 1 + base.margin))
    return { ...base, outcome: 'does-not-pay', best: ratedEntry(best, sweep) };
  const bestSpeedup = context.speedups[rows.indexOf(best)];
  const swing = context.capacity.find((summary) => summary.workers === best.workers && summary.max - summary.min > 0.25 * summary.median);
  return {
    ...base,
    outcome: 'undecided',
    best: ratedEntry(best, sweep),
    moreSeconds: bestSpeedup === undefined ? null : moreSeconds(bestSpeedup, base.margin, pace),
    capacitySwing: swing,
  };
}

/**
 * The rows the verdict weighs against each other: those racing did not drop, and those it dropped
 * against a leader that takes no part here (left out as a fault). Racing showed such a row slower
 * than that leader only, not than any row the verdict may name fastest; without this, the
 * fastest of the rows left would be said to beat rows it was never compared with.
 */
function stillRacing(candidates: readonly OkRow[], sweep: boolean): Set<OkRow> {
  const named = (row: OkRow, leader: RowName): boolean =>
    row.backend === leader.backend &&
    row.workers === leader.workers &&
    (!sweep || (row.chunkSize === leader.chunkSize && row.chunkSizeAuto === leader.chunkSizeAuto));
  const takesPart = (leader: RowName): boolean => candidates.some((row) => named(row, leader));
  return new Set(candidates.filter((row) => row.dropped === undefined || !takesPart(row.dropped.leader)));
}

/**
 * Whether a row left out as a fault (`faulted`) would show that parallelising pays even brought down to what
 * the machine can give: it beat the loop, at a worker count whose capacity lies above 1 + margin.
 * Then the loop was slower than the work it stands for (on node@24, json-tasks' loop on the main
 * thread against the same map in any worker), and "does not pay" drawn from it would be wrong.
 * A fault at one worker (capacity 1) says nothing either way.
 */
function faultsWouldPay(faulted: readonly OkRow[], capacity: readonly CapacitySummary[], margin: number): boolean {
  const capacityAt = (workers: number): number => capacity.find((summary) => summary.workers === workers)?.median ?? 1;
  return faulted.some((row) => row.figures.speedup.low > 1 + margin && capacityAt(row.workers) > 1 + margin);
}

/**
 * A row against the fastest, from the estimate of log(its speed-up ÷ the fastest's), one of
 * `comparisons` rows compared with it. "Slower" is claimed of all of them together at 95%
 * (Bonferroni: each at 1 − 5% ÷ comparisons): at 95% each, one of eight rows compared would be
 * called slower wrongly about a third of the time, and the next run's fastest would be among them.
 */
export function standingAgainst(ratio: ForkedEstimate, margin: number, comparisons = 1): 'equivalent' | 'slower' | 'undecided' {
  const limit = Math.log1p(margin);
  const narrow = intervalOf(ratio, EQUIVALENCE_CONFIDENCE);
  if (narrow.low >= -limit && narrow.high <= limit) return 'equivalent';
  const joint = 1 - (1 - CONFIDENCE) / Math.max(1, comparisons);
  return intervalOf(ratio, joint).high < 0 ? 'slower' : 'undecided';
}

/** Forks beyond which a decision is out of reach of a run. */
const MOST_FORKS = 30;

/**
 * About how many more seconds of forks would decide an estimate that straddles a boundary (0, or
 * the margin): its standard error shrinks as 1 ÷ √forks, and deciding needs it below the distance
 * to the nearer boundary it could clear. Null when that would take more than {@link MOST_FORKS} forks.
 */
function moreSeconds(estimate: ForkedEstimate, margin: number, secondsPerFork: number): number | null {
  const limit = Math.log1p(margin);
  const distance = Math.abs(estimate.center);
  const clear = Math.max(
    distance / studentQuantile(1 - (1 - CONFIDENCE) / 2, estimate.df),
    (limit - distance) / studentQuantile(1 - (1 - EQUIVALENCE_CONFIDENCE) / 2, estimate.df),
  );
  if (!(clear > 0) || !Number.isFinite(estimate.se)) return null;
  const forks = Math.ceil(estimate.forks * (estimate.se / clear) ** 2);
  return forks > MOST_FORKS ? null : Math.max(0, forks - estimate.forks) * secondsPerFork;
}

/** Seconds one more fork costs: the mean of the forks after the first (the first starts every row). */
function secondsPerFork({ forkTimes }: WorkloadMeasurement): number {
  const later = forkTimes.length > 1 ? forkTimes.slice(1) : forkTimes;
  return later.length === 0 ? 0 : later.reduce((sum, time) => sum + time.seconds, 0) / later.length;
}
