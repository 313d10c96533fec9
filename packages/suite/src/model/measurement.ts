import type { RunsOn } from '@parabench/core';

/** What a row is: one backend × worker count (× chunk size, in a sweep) on one workload. */
export interface RowKey {
  workload: string;
  /** The runtime it was measured in, when `--runtimes` named one other than the Node that runs the CLI. */
  runtime?: string | undefined;
  backend: string;
  workers: number;
  /**
   * Items per chunk the executor used; null when the backend does not chunk. `'auto'` only from
   * a backend that does not say which size it chose (`Executor.chunkSizeFor`).
   */
  chunkSize: number | 'auto' | null;
  /** True when the backend chose the size (`--chunk-size auto`); `chunkSize` then says what it chose. */
  chunkSizeAuto?: boolean | undefined;
}

/** One timed slot of one row in one round: the mean of the maps in it. */
export interface MapSample {
  /** The measuring process (fork) it was measured in, from 1. */
  fork: number;
  /** The round, numbered across the workload's forks, from 1. */
  round: number;
  ms: number;
  /** User + system CPU of the main process and the row's own child processes during the map; null where it cannot be read. */
  cpuMs: number | null;
  /** The highest resident memory seen during the map: the main process plus the row's own child processes. */
  peakRssMb: number | null;
}

/** The first result of a row that differs from the expected one, as text for the reports. */
export interface Mismatch {
  index: number | null;
  path: string;
  expected: string;
  actual: string;
  reason: string;
}

/** Why a row failed: a stable code and a message that names the backend, workload and item. */
export interface RowError {
  code: string;
  message: string;
}

/** What measuring one row gathered: the input of the rating, before any figure is derived. */
export interface RowMeasurement extends RowKey {
  runsOn: RunsOn;
  startupMs: number | null;
  firstMapMs: number | null;
  /** One per round the row took part in. */
  samples: MapSample[];
  /** Why it stopped sampling: the workload's forks were done, racing dropped it, or it failed. */
  stopped: 'finished' | 'dropped' | 'failed';
  /** When and why racing dropped it. */
  dropped?: Drop;
  mismatch?: Mismatch;
  error?: RowError;
}

/** The combination a row is, without its workload: what a verdict or a drop names. */
export interface RowName {
  backend: string;
  workers: number;
  chunkSize?: number | 'auto' | null;
  chunkSizeAuto?: boolean | undefined;
}

/** Why racing stopped timing a row: it was worse than the leader beyond the noise and the margin. */
export interface Drop {
  /** The last round and fork it took part in. */
  round: number;
  fork: number;
  /** The leader it was measured against then. */
  leader: RowName;
  /** Its speed-up ÷ the leader's, with the 95% interval of that ratio. */
  ratio: { median: number; low: number; high: number };
}

/** One round's capacity probe: worker count → N × (the kernel alone) ÷ (N copies at once). */
export interface CapacitySample {
  fork: number;
  round: number;
  byWorkers: Record<number, number>;
}

/** What one fork cost, in seconds: in all, and in its rounds, of which it ran `rounds`. */
export interface ForkTime {
  seconds: number;
  roundsSeconds: number;
  rounds: number;
}

/** Everything measured on one workload. The reference (`sequential`) is the first row. */
export interface WorkloadMeasurement {
  workload: string;
  /** The runtime its forks ran in, as `--runtimes` named it. */
  runtime: string;
  description: string;
  items: number;
  /** The workload's `reduce` of the reference results, if it has one. */
  reduced: unknown;
  sweep: 'chunk-size' | undefined;
  rows: RowMeasurement[];
  capacitySamples: CapacitySample[];
  /** Two rows whose speed-ups are shown to differ by less than this fraction are equivalent (0.03 is ±3%). */
  marginFraction: number;
  /** Fresh measuring processes the rounds were spread over. */
  forks: number;
  /** What each fork cost: in all (start-up and warm-up included), and in its rounds. */
  forkTimes: ForkTime[];
  /** Seconds the workload took, every fork included. */
  seconds: number;
  /** A digest of the generated input (items and context), so that two runs can tell whether they measured the same thing. */
  inputDigest: string | undefined;
}

/**
 * The capacity at one worker count over a workload's rounds: its median, and the lowest and the
 * highest a round saw. Extremes of the machine's state, not an interval of an estimate.
 */
export interface CapacitySummary {
  workers: number;
  median: number;
  min: number;
  max: number;
}
