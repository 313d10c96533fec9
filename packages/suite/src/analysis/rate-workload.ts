import type { CapacitySummary, RowResult, Standing, Verdict, VerdictEntry, VarianceSplit, WorkloadMeasurement, WorkloadResult } from '../model/index.js';
import { capacityAt } from './efficiency.js';
import type { ForkedEstimate } from './hierarchy.js';
import { rateRow, speedupEstimates } from './rating.js';
import { median } from './stats.js';
import { decideVerdict, verdictEntry } from './verdict.js';

/** Rates every row and decides the verdict: the one model of a finished workload that every report reads. */
export function rateWorkload(measurement: WorkloadMeasurement): WorkloadResult {
  const speedups = speedupEstimates(measurement);
  const rated = measurement.rows.map((row, i) => rateRow(row, measurement, speedups[i]));
  const capacity = summariseCapacity(measurement);
  const verdict = decideVerdict(measurement, rated, { capacity, speedups });
  const rows = withStandings(rated, verdict, measurement.sweep === 'chunk-size');
  return {
    workload: measurement.workload,
    runtime: measurement.runtime,
    loop: undefined,
    description: measurement.description,
    items: measurement.items,
    reduced: measurement.reduced,
    sweep: measurement.sweep,
    rows,
    verdict,
    capacity,
    rounds: new Set(measurement.rows.flatMap((row) => row.samples.map((sample) => sample.round))).size,
    forks: measurement.forks,
    variance: varianceSplit(speedups.slice(1)),
    inputDigest: measurement.inputDigest,
    seconds: measurement.seconds,
    forkTimes: measurement.forkTimes,
  };
}

function summariseCapacity({ capacitySamples: samples }: WorkloadMeasurement): CapacitySummary[] {
  const workers = [...new Set(samples.flatMap((sample) => Object.keys(sample.byWorkers).map(Number)))].sort((a, b) => a - b);
  return workers.flatMap((count) => {
    const values = capacityAt(samples, count);
    return values.length === 0 ? [] : [{ workers: count, median: median(values), min: Math.min(...values), max: Math.max(...values) }];
  });
}

/** Each row's standing, as the verdict placed it; rows the verdict does not name were shown slower than the fastest. */
function withStandings(rows: readonly RowResult[], verdict: Verdict, sweep: boolean): RowResult[] {
  const key = (entry: VerdictEntry): string => JSON.stringify([entry.backend, entry.workers, entry.chunkSize ?? null, entry.chunkSizeAuto ?? null]);
  const placed = new Map<string, Standing>();
  if (verdict.outcome === 'pays') {
    placed.set(key(verdict.fastest), 'fastest');
    for (const entry of verdict.equivalent) placed.set(key(entry), 'equivalent');
    for (const entry of verdict.undecided) placed.set(key(entry), 'undecided');
  }
  return rows.map((row) => {
    const named = placed.get(key(verdictEntry(row, sweep)));
    // A dropped row takes the place the verdict gives it when its leader was left out as a fault.
    if (row.standing === 'dropped' && named !== undefined) return { ...row, standing: named };
    if (row.standing !== 'undecided') return row;
    const standing = verdict.outcome === 'pays' ? (named ?? 'slower') : 'undecided';
    return { ...row, standing };
  });
}

/**
 * Where the variance of a row's estimate lies: between forks (σ²_b ÷ k) or between rounds
 * (σ²_w ÷ (k·n)), summed over the rows timed in two forks or more. More of the first calls for
 * more forks; more of the second, for more rounds in each.
 */
function varianceSplit(estimates: ReadonlyArray<ForkedEstimate | undefined>): VarianceSplit | undefined {
  let between = 0;
  let within = 0;
  for (const estimate of estimates) {
    if (estimate === undefined || estimate.forks < 2 || Number.isNaN(estimate.withinForks) || Number.isNaN(estimate.betweenForks)) continue;
    between += estimate.betweenForks / estimate.forks;
    within += estimate.withinForks / estimate.values;
  }
  if (!(between + within > 0)) return undefined;
  const betweenForksShare = between / (between + within);
  return { betweenForksShare, advice: betweenForksShare > 0.6 ? 'more forks' : betweenForksShare < 0.4 ? 'more rounds' : 'either' };
}
