import { EFFICIENCY_FAULT, type CapacitySample, type MapSample, type RowMeasurement, type RowResult, type WorkloadMeasurement } from './results.js';
import { estimateMedian, mean, median, quantile, relativeHalfWidth } from './stats.js';

/** The samples of a and b taken in the same round, as pairs. */
function pairByRound(a: readonly MapSample[], b: readonly MapSample[]): Array<[MapSample, MapSample]> {
  const byRound = new Map(b.map((sample) => [sample.round, sample]));
  return a.flatMap((sample) => {
    const other = byRound.get(sample.round);
    return other === undefined ? [] : [[sample, other] as [MapSample, MapSample]];
  });
}

/** The row's speed-up in each round it shares with the reference: the reference's time ÷ the row's. */
export function pairedSpeedups(reference: readonly MapSample[], row: readonly MapSample[]): number[] {
  return pairByRound(reference, row).map(([ref, own]) => ref.ms / own.ms);
}

/** Per shared round, a's time ÷ b's: above 1 means a was slower in that round. */
export function pairedTimeRatios(a: readonly MapSample[], b: readonly MapSample[]): number[] {
  return pairByRound(a, b).map(([x, y]) => x.ms / y.ms);
}

/**
 * The most `workers` could gain in one round. Work that computes is bounded by the CPU capacity the
 * probe measured in that round; work that waits is bounded only by the worker count. The
 * reference's CPU share (its CPU time ÷ its wall time) says which, and in what mix:
 * min(workers, capacity ÷ share), the share capped at 1 (garbage collection on helper threads can
 * push CPU time above wall time).
 */
export function ceilingInRound(workers: number, capacity: number | undefined, reference: MapSample): number {
  const share = reference.cpuMs === null ? 1 : Math.min(1, Math.max(reference.cpuMs / reference.ms, 1e-3));
  return Math.min(workers, (capacity ?? workers) / share);
}

/**
 * Rates one row from its rounds, against the reference measured in the same rounds. A pure
 * function: everything it reports is derived here, once.
 */
export function rateRow(row: RowMeasurement, measurement: WorkloadMeasurement): RowResult {
  const reference = measurement.rows[0] as RowMeasurement;
  const times = row.samples.map((sample) => sample.ms);
  const speedups = pairedSpeedups(reference.samples, row.samples);
  const estimate = estimateMedian(speedups);
  const capacityByRound = new Map(measurement.capacity.map((sample) => [sample.round, sample.byWorkers]));
  const refByRound = new Map(reference.samples.map((sample) => [sample.round, sample]));

  const ceilings: number[] = [];
  const efficiencies: number[] = [];
  for (const sample of row.samples) {
    const ref = refByRound.get(sample.round);
    const capacity = capacityByRound.get(sample.round)?.[row.workers];
    if (ref === undefined || capacity === undefined) continue;
    const ceiling = ceilingInRound(row.workers, capacity, ref);
    ceilings.push(ceiling);
    efficiencies.push(ref.ms / sample.ms / ceiling);
  }
  const efficiency = efficiencies.length === 0 ? null : median(efficiencies);
  const ceiling = ceilings.length === 0 ? null : median(ceilings);
  const fault =
    efficiency !== null && efficiency > EFFICIENCY_FAULT
      ? `efficiency ${efficiency.toFixed(2)} cannot be: speed-up ${estimate?.median.toFixed(2)}× against the ${ceiling?.toFixed(2)}× this machine could give at ${row.workers} worker${row.workers === 1 ? '' : 's'} in the same rounds; a fault of the measurement (the reference or the capacity probe was slowed more than this row), not a result`
      : undefined;

  const cpuMs = meanCpu(row.samples);
  const refCpuMs = meanCpu(reference.samples);
  const rss = row.samples.flatMap((sample) => (sample.peakRssMb === null ? [] : [sample.peakRssMb]));

  const precise = estimate !== undefined && relativeHalfWidth(estimate) <= measurement.precision;
  const status = row.error !== undefined ? 'error' : row.mismatch !== undefined ? 'mismatch' : 'ok';
  const p50Ms = times.length === 0 ? null : median(times);
  return {
    workload: row.workload,
    backend: row.backend,
    runsOn: row.runsOn,
    workers: row.workers,
    chunkSize: row.chunkSize,
    ...(row.chunkSizeAuto === undefined ? {} : { chunkSizeAuto: row.chunkSizeAuto }),
    status,
    samples: row.samples.length,
    meanMs: times.length === 0 ? null : mean(times),
    p50Ms,
    p99Ms: times.length === 0 ? null : quantile(times, 0.99),
    speedup: estimate?.median ?? null,
    speedupInterval: estimate === undefined ? null : [estimate.low, estimate.high],
    efficiency: fault === undefined ? efficiency : null,
    ceiling,
    ...(fault === undefined ? {} : { fault }),
    overheadPerItemUs: overheadPerItem(row, reference, ceiling, p50Ms, measurement.items),
    cpuMs,
    cpuRatio: cpuMs !== null && refCpuMs !== null && refCpuMs > 0 ? cpuMs / refCpuMs : null,
    peakRssMb: rss.length === 0 ? null : Math.max(...rss),
    startupMs: row.startupMs,
    firstMapMs: row.firstMapMs,
    precise,
    outOfBudget: status === 'ok' && !precise && row.stopped === 'budget',
    ...(row.mismatch === undefined ? {} : { mismatch: row.mismatch }),
    ...(row.error === undefined ? {} : { error: row.error }),
  };
}

/**
 * What running in parallel cost per item, in µs: (time − ideal) ÷ items. The ideal is the
 * reference's time divided by the ceiling; a backend on the main thread can gain only on waiting,
 * so its ideal is divided by the ceiling of a machine with one CPU.
 */
function overheadPerItem(row: RowMeasurement, reference: RowMeasurement, ceiling: number | null, p50Ms: number | null, items: number): number | null {
  if (p50Ms === null || ceiling === null || items === 0 || reference.samples.length === 0) return null;
  const refMs = median(reference.samples.map((sample) => sample.ms));
  const own = row.runsOn === 'main-thread' ? median(reference.samples.map((sample) => ceilingInRound(row.workers, 1, sample))) : ceiling;
  return ((p50Ms - refMs / own) / items) * 1000;
}

/** Mean CPU time per map, or null when any sample could not read it. */
function meanCpu(samples: readonly MapSample[]): number | null {
  const cpu = samples.map((sample) => sample.cpuMs);
  return cpu.length > 0 && cpu.every((value) => value !== null) ? mean(cpu as number[]) : null;
}

/** The capacity samples, if any, at one worker count. */
export function capacityAt(samples: readonly CapacitySample[], workers: number): number[] {
  return samples.flatMap((sample) => (sample.byWorkers[workers] === undefined ? [] : [sample.byWorkers[workers] as number]));
}
