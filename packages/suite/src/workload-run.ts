import { rateRow, capacityAt } from './rating.js';
import type { CapacitySummary, WorkloadMeasurement, WorkloadRun } from './results.js';
import { median } from './stats.js';
import { decideVerdict } from './verdict.js';

/** Rates every row and decides the verdict: the one model of a finished workload that every report reads. */
export function rateWorkload(measurement: WorkloadMeasurement): WorkloadRun {
  const rows = measurement.rows.map((row) => rateRow(row, measurement));
  const workers = [...new Set(measurement.capacity.flatMap((sample) => Object.keys(sample.byWorkers).map(Number)))].sort((a, b) => a - b);
  const capacity: CapacitySummary[] = workers.flatMap((count) => {
    const values = capacityAt(measurement.capacity, count);
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
