import type { RowMeasurement, WorkloadMeasurement } from '../model/index.js';
import type { ForkSnapshot } from './fork-protocol.js';

/** A fork's snapshot, added to what earlier forks measured. Returns the next round's number. */
export function merge(measurement: WorkloadMeasurement, snapshot: ForkSnapshot, racing: readonly number[], firstRound: number): number {
  const [reference, ...rows] = measurement.rows;
  if (reference !== undefined) mergeRow(reference, snapshot.reference);
  for (const [j, measured] of snapshot.rows.entries()) {
    const row = rows[racing[j] ?? -1];
    if (row !== undefined) mergeRow(row, measured);
  }
  measurement.capacitySamples.push(...snapshot.capacity);
  if (measurement.reduced === undefined) measurement.reduced = snapshot.reduced;
  return Math.max(firstRound, ...snapshot.reference.samples.map((sample) => sample.round + 1));
}

function mergeRow(row: RowMeasurement, measured: RowMeasurement): void {
  row.samples.push(...measured.samples);
  row.startupMs ??= measured.startupMs;
  row.firstMapMs ??= measured.firstMapMs;
  if (measured.chunkSizeAuto !== undefined) {
    row.chunkSize = measured.chunkSize;
    row.chunkSizeAuto = measured.chunkSizeAuto;
  }
  if (row.stopped === 'failed') return;
  if (measured.mismatch !== undefined) row.mismatch = measured.mismatch;
  if (measured.error !== undefined) row.error = measured.error;
  if (measured.stopped === 'failed') row.stopped = 'failed';
}
