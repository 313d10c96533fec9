import type {
  CapacitySummary,
  ForkTime,
  Interval,
  MachineInfo,
  MeasurementOptions,
  Mismatch,
  RatedEntry,
  RowComparison,
  RowError,
  RowKey,
  RowName,
  RowResult,
  Standing,
  UndecidedEntry,
  VarianceSplit,
  Verdict,
  VerdictEntry,
} from '../model/index.js';

/** How racing dropped a row, as the JSON report writes it. */
export interface JsonDrop {
  round: number;
  fork: number;
  leader: RowName;
  /** The row's speed-up ÷ the leader's: [estimate, low, high] of its 95% interval. */
  ratio: [number, number, number];
  reason: string;
}

/** A row as the JSON report writes it: flat, with null where a figure is missing. */
export interface JsonRow extends RowKey {
  runtime: string;
  runsOn: RowResult['runsOn'];
  status: RowResult['status'];
  standing: Standing;
  forks: number;
  rounds: number;
  meanMs: number | null;
  p50Ms: number | null;
  p99Ms: number | null;
  speedup: number | null;
  speedupInterval: [number, number] | null;
  efficiency: number | null;
  ceiling: number | null;
  /** Why the efficiency would be above 1.05, in words. */
  fault?: string;
  overheadPerItemUs: number | null;
  cpuMs: number | null;
  cpuRatio: number | null;
  peakRssMb: number | null;
  startupMs: number | null;
  firstMapMs: number | null;
  dropped?: JsonDrop;
  mismatch?: Mismatch;
  error?: RowError;
}

/** A verdict as the JSON report writes it. */
export interface JsonVerdict {
  workload: string;
  runtime: string;
  outcome: Verdict['outcome'];
  /** The equivalence margin, as a fraction. */
  margin: number;
  /** With `pays`: the fastest. */
  fastest: RatedEntry | null;
  /** With `does-not-pay` and `undecided`: the row with the highest speed-up. */
  best: RatedEntry | null;
  equivalent: RatedEntry[];
  undecided: UndecidedEntry[];
  /** With `undecided`: about how many more seconds would decide whether it pays (null: more than a run affords). */
  moreSeconds: number | null;
  capacitySwing: CapacitySummary | null;
  faults: VerdictEntry[];
  rule: string;
  text: string;
}

export interface JsonWorkload {
  workload: string;
  /** The runtime it was measured in (`node` unless `--runtimes` said otherwise). */
  runtime: string;
  /** That runtime's loop against the first runtime's (above 1: faster), with its 95% interval; null for the first runtime. */
  loop: Interval | null;
  description: string;
  items: number;
  inputDigest: string | null;
  reduced: unknown;
  sweep?: 'chunk-size';
  forks: number;
  rounds: number;
  capacity: CapacitySummary[];
  variance: VarianceSplit | null;
  /** Seconds the workload took, every fork included. */
  seconds: number;
  /** What each fork cost, in seconds: in all (start-up and warm-up included), and in its rounds. */
  forkTimes: ForkTime[];
}

export interface JsonReport {
  schemaVersion: number;
  createdAt: string;
  /** False while the run is going on, or when it was interrupted: `remaining` says what is still to run. */
  complete: boolean;
  /** Names of the workloads not yet measured, in the order they will run. */
  remaining: string[];
  /** What the run set out to measure, by name: `--resume` checks that the same are found again. */
  plan: { workloads: string[]; backends: string[] };
  machine: MachineInfo;
  options: MeasurementOptions;
  verdicts: JsonVerdict[];
  workloads: JsonWorkload[];
  results: JsonRow[];
  /** With `--compare`: each row against the same row of the saved run. */
  comparison?: RowComparison[] | undefined;
}
