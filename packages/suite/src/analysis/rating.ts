import type { Interval, MapSample, RowFigures, RowMeasurement, RowResult, WorkloadMeasurement } from '../model/index.js';
import { ceilingInRound, rateEfficiency } from './efficiency.js';
import { forkedEstimate, intervalOf, pooledEstimates, type ForkedEstimate } from './hierarchy.js';
import { logRatiosByFork } from './pairing.js';
import { mean, median, quantile } from './stats.js';

/** The confidence of every interval the suite reports. */
export const CONFIDENCE = 0.95;

/** A log-scale estimate as a ratio with its interval at `confidence`. */
export function ratioInterval(estimate: ForkedEstimate, confidence = CONFIDENCE): Interval {
  const { low, high } = intervalOf(estimate, confidence);
  return { median: Math.exp(estimate.center), low: Math.exp(low), high: Math.exp(high) };
}

/**
 * Rates one row from its rounds, against the reference measured in the same rounds. A pure
 * function: everything it reports is derived here, once. Its standing among the others is the
 * verdict's to decide: a row that took part in the race stands `undecided` until then.
 */
export function rateRow(
  row: RowMeasurement,
  measurement: WorkloadMeasurement,
  estimate = speedupEstimates(measurement)[measurement.rows.indexOf(row)],
): RowResult {
  const reference = measurement.rows[0] ?? row;
  const figures = rateFigures(row, reference, measurement, estimate);
  const base = {
    workload: row.workload,
    ...(row.runtime === undefined ? {} : { runtime: row.runtime }),
    backend: row.backend,
    runsOn: row.runsOn,
    workers: row.workers,
    chunkSize: row.chunkSize,
    ...(row.chunkSizeAuto === undefined ? {} : { chunkSizeAuto: row.chunkSizeAuto }),
    rounds: row.samples.length,
    forks: new Set(row.samples.map((sample) => sample.fork)).size,
    startupMs: row.startupMs,
    firstMapMs: row.firstMapMs,
  };
  if (row.error !== undefined) {
    return { ...base, standing: 'failed', status: 'error', figures, error: row.error, ...(row.mismatch === undefined ? {} : { mismatch: row.mismatch }) };
  }
  if (row.mismatch !== undefined) return { ...base, standing: 'failed', status: 'mismatch', figures, mismatch: row.mismatch };
  if (figures === null) {
    // Every row that did not fail took part in at least one round.
    return { ...base, standing: 'failed', status: 'error', figures, error: { code: 'PARABENCH_BACKEND_FAILED', message: 'no round was timed' } };
  }
  const standing = row === reference ? 'reference' : figures.fault !== undefined ? 'fault' : row.dropped !== undefined ? 'dropped' : 'undecided';
  return { ...base, standing, status: 'ok', figures, ...(row.dropped === undefined ? {} : { dropped: row.dropped }) };
}

/**
 * Every row's log speed-up, estimated over forks and rounds with the variances pooled over the
 * rows that have not failed (see {@link pooledEstimates}); undefined for a row with no rounds.
 * The reference's is its own ratio to itself.
 */
export function speedupEstimates(measurement: WorkloadMeasurement): Array<ForkedEstimate | undefined> {
  const [reference, ...rows] = measurement.rows;
  if (reference === undefined) return [];
  const live = rows.map((row) => (row.stopped === 'failed' ? [] : logRatiosByFork(row.samples, reference.samples)));
  const pooled = pooledEstimates(live);
  return [
    forkedEstimate(logRatiosByFork(reference.samples, reference.samples)),
    ...rows.map((row, i) => pooled[i] ?? forkedEstimate(logRatiosByFork(row.samples, reference.samples))),
  ];
}

/** What the rounds add up to; null when the row took part in none. */
function rateFigures(
  row: RowMeasurement,
  reference: RowMeasurement,
  measurement: WorkloadMeasurement,
  estimate: ForkedEstimate | undefined,
): RowFigures | null {
  if (estimate === undefined) return null;
  const times = row.samples.map((sample) => sample.ms);
  const { efficiency, ceiling, fault } = rateEfficiency(row, reference, measurement.capacitySamples);
  const cpuMs = meanCpu(row.samples);
  const refCpuMs = meanCpu(reference.samples);
  const rss = row.samples.flatMap((sample) => (sample.peakRssMb === null ? [] : [sample.peakRssMb]));
  const p50Ms = median(times);
  return {
    meanMs: mean(times),
    p50Ms,
    p99Ms: quantile(times, 0.99),
    speedup: row === reference ? { median: 1, low: 1, high: 1 } : ratioInterval(estimate),
    efficiency,
    ceiling,
    fault,
    overheadPerItemUs: overheadPerItem(row, reference, ceiling, p50Ms, measurement.items),
    cpuMs,
    cpuRatio: cpuMs !== null && refCpuMs !== null && refCpuMs > 0 ? cpuMs / refCpuMs : null,
    peakRssMb: rss.length === 0 ? null : Math.max(...rss),
  };
}

/**
 * What running in parallel cost per item, in µs: (time − ideal) ÷ items. The ideal is the
 * reference's time divided by the ceiling; a backend on the main thread can gain only on waiting,
 * so its ideal is divided by the ceiling of a machine with one CPU.
 */
function overheadPerItem(row: RowMeasurement, reference: RowMeasurement, ceiling: number | null, p50Ms: number, items: number): number | null {
  if (ceiling === null || items === 0 || reference.samples.length === 0) return null;
  const refMs = median(reference.samples.map((sample) => sample.ms));
  const own = row.runsOn === 'main-thread' ? median(reference.samples.map((sample) => ceilingInRound(row.workers, 1, sample))) : ceiling;
  return ((p50Ms - refMs / own) / items) * 1000;
}

/** Mean CPU time per map, or null when any sample could not read it. */
function meanCpu(samples: readonly MapSample[]): number | null {
  const cpu = samples.flatMap((sample) => (sample.cpuMs === null ? [] : [sample.cpuMs]));
  return cpu.length > 0 && cpu.length === samples.length ? mean(cpu) : null;
}
