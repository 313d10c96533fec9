import type { CapacitySample, EfficiencyFault, MapSample, RowMeasurement } from '../model/index.js';
import { median } from './stats.js';

/** Above this, an efficiency is not a result but a fault of the measurement. */
export const EFFICIENCY_FAULT = 1.05;

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

/** A row's ceiling and efficiency over its rounds (medians), and the fault when the efficiency cannot be true. */
export interface EfficiencyFigures {
  efficiency: number | null;
  ceiling: number | null;
  fault: EfficiencyFault | undefined;
}

/** Speed-up ÷ ceiling in every round that has both a reference sample and a capacity measurement. */
export function rateEfficiency(row: RowMeasurement, reference: RowMeasurement, capacitySamples: readonly CapacitySample[]): EfficiencyFigures {
  const capacityByRound = new Map(capacitySamples.map((sample) => [sample.round, sample.byWorkers]));
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
  if (efficiency !== null && efficiency > EFFICIENCY_FAULT) return { efficiency: null, ceiling, fault: { efficiency } };
  return { efficiency, ceiling, fault: undefined };
}

/** The capacity samples, if any, at one worker count. */
export function capacityAt(samples: readonly CapacitySample[], workers: number): number[] {
  return samples.flatMap((sample) => {
    const value = sample.byWorkers[workers];
    return value === undefined ? [] : [value];
  });
}
