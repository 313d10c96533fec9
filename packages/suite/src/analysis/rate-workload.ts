import type { CapacitySummary, WorkloadMeasurement, WorkloadResult } from '../model/index.js';
import { capacityAt } from './efficiency.js';
import { rateRow } from './rating.js';
import { median } from './stats.js';
import { decideVerdict } from './verdict.js';

/** Rates every row and decides the verdict: the one model of a finished workload that every report reads. */
export function rateWorkload(measurement: WorkloadMeasurement): WorkloadResult {
  const rows = measurement.rows.map((row) => rateRow(row, measurement));
  const samples = measurement.capacitySamples;
  const workers = [...new Set(samples.flatMap((sample) => Object.keys(sample.byWorkers).map(Number)))].sort((a, b) => a - b);
  const capacity: CapacitySummary[] = workers.flatMap((count) => {
    const values = capacityAt(samples, count);
    return values.length === 0 ? [] : [{ workers: count, median: median(values), low: Math.min(...values), high: Math.max(...values) }];
  });
  return {
    workload: measurement.workload,
    description: measurement.description,
    items: measurement.items,
    reduced: measurement.reduced,
    sweep: measurement.sweep,
    rows,
    verdict: decideVerdict(measurement, rows),
    capacity,
    rounds: new Set(measurement.rows.flatMap((row) => row.samples.map((sample) => sample.round))).size,
  };
}
