import type { CapacitySample, MapSample, RowMeasurement, WorkloadMeasurement } from '../src/model/index.js';

/**
 * A row measured in the given rounds: times per round in ms. Rounds are grouped into forks of
 * `roundsPerFork` (by default each round is a fork of its own).
 */
export function syntheticRow(
  backend: string,
  workers: number,
  times: readonly number[],
  extra: Partial<RowMeasurement> = {},
  roundsPerFork = 1,
): RowMeasurement {
  const samples: MapSample[] = times.map((ms, i) => ({ fork: Math.floor(i / roundsPerFork) + 1, round: i + 1, ms, cpuMs: ms, peakRssMb: 100 + i }));
  return {
    workload: 'w',
    backend,
    runsOn: backend === 'sequential' || backend === 'async' ? 'main-thread' : 'threads',
    workers,
    chunkSize: null,
    startupMs: 1,
    firstMapMs: 2,
    samples,
    stopped: 'finished',
    ...extra,
  };
}

/** A workload whose first row is the reference, with a capacity of `capacity(round)` at 2 workers in every round. */
export function syntheticWorkload(rows: RowMeasurement[], capacity: (round: number) => number = () => 2, margin = 0.03): WorkloadMeasurement {
  const rounds = Math.max(0, ...rows.map((row) => row.samples.length));
  const forkOf = new Map((rows[0]?.samples ?? []).map((sample) => [sample.round, sample.fork]));
  const samples: CapacitySample[] = Array.from({ length: rounds }, (_, i) => ({
    fork: forkOf.get(i + 1) ?? 1,
    round: i + 1,
    byWorkers: { 1: 1, 2: capacity(i + 1) },
  }));
  return {
    workload: 'w',
    runtime: 'node',
    description: 'd',
    items: 100,
    reduced: undefined,
    sweep: undefined,
    rows,
    capacitySamples: samples,
    marginFraction: margin,
    forks: new Set(rows.flatMap((row) => row.samples.map((sample) => sample.fork))).size,
    forkTimes: [3, 1, 1].map((seconds) => ({ seconds, roundsSeconds: seconds / 2, rounds: 2 })),
    seconds: 5,
    inputDigest: undefined,
  };
}

/** n rounds of a machine whose load comes and goes: each round's times are scaled by this factor. */
export function drift(n: number): number[] {
  return Array.from({ length: n }, (_, i) => [1, 1.8, 1.1, 1.5, 1, 2.2, 1.3, 1, 1.7, 1.05, 1.4, 1.9][i % 12] ?? 1);
}

/** A little noise of its own, ±`spread`, deterministic. */
export function jitter(n: number, spread: number, phase = 0): number[] {
  return Array.from({ length: n }, (_, i) => 1 + spread * Math.sin(i * 2.3 + phase));
}
