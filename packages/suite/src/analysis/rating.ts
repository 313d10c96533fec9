import type { MapSample, RowFigures, RowMeasurement, RowResult, WorkloadMeasurement } from '../model/index.js';
import { ceilingInRound, rateEfficiency } from './efficiency.js';
import { pairedSpeedups } from './pairing.js';
import { estimateMedian, mean, median, quantile, relativeHalfWidth } from './stats.js';

/**
 * Rates one row from its rounds, against the reference measured in the same rounds. A pure
 * function: everything it reports is derived here, once.
 */
export function rateRow(row: RowMeasurement, measurement: WorkloadMeasurement): RowResult {
  const reference = measurement.rows[0] ?? row;
  const figures = rateFigures(row, reference, measurement);
  const base = {
    workload: row.workload,
    backend: row.backend,
    runsOn: row.runsOn,
    workers: row.workers,
    chunkSize: row.chunkSize,
    ...(row.chunkSizeAuto === undefined ? {} : { chunkSizeAuto: row.chunkSizeAuto }),
    rounds: row.samples.length,
    startupMs: row.startupMs,
    firstMapMs: row.firstMapMs,
  };
  if (row.error !== undefined)
    return { ...base, status: 'error', figures, error: row.error, ...(row.mismatch === undefined ? {} : { mismatch: row.mismatch }) };
  if (row.mismatch !== undefined) return { ...base, status: 'mismatch', figures, mismatch: row.mismatch };
  if (figures === null) {
    // Every row that did not fail took part in at least one round.
    return { ...base, status: 'error', figures, error: { code: 'PARABENCH_BACKEND_FAILED', message: 'no round was timed' } };
  }
  return { ...base, status: 'ok', figures, outOfBudget: !figures.precise && row.stopped === 'budget' };
}

/** What the rounds add up to; null when the row took part in none. */
function rateFigures(row: RowMeasurement, reference: RowMeasurement, measurement: WorkloadMeasurement): RowFigures | null {
  const estimate = estimateMedian(pairedSpeedups(reference.samples, row.samples));
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
    speedup: { median: estimate.median, low: estimate.low, high: estimate.high },
    efficiency,
    ceiling,
    fault,
    overheadPerItemUs: overheadPerItem(row, reference, ceiling, p50Ms, measurement.items),
    cpuMs,
    cpuRatio: cpuMs !== null && refCpuMs !== null && refCpuMs > 0 ? cpuMs / refCpuMs : null,
    peakRssMb: rss.length === 0 ? null : Math.max(...rss),
    precise: relativeHalfWidth(estimate) <= measurement.precisionFraction,
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
