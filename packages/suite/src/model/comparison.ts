import type { WorkloadSize } from '@parabench/core';
import type { MachineInfo } from './machine.js';
import type { RowKey } from './measurement.js';
import type { RowResult } from './result.js';

/** A saved run that `--compare` compares each row with. */
export interface Baseline {
  /** The file it was read from. */
  file: string;
  /** When it was written (ISO time). */
  createdAt: string;
  schemaVersion: number;
  machine: MachineInfo;
  /** What decided its inputs: a run of another size or seed measured something else. */
  size: WorkloadSize;
  seed: number;
  /** Each workload's input, as far as the report tells it (the digest from schema 3 on). */
  workloads: Array<{ workload: string; items: number; inputDigest: string | undefined }>;
  rows: RowResult[];
}

export type Change = 'faster' | 'slower' | 'same' | 'new';

/** One row of this run against the same row of the baseline. */
export interface RowComparison extends RowKey {
  speedup: number | null;
  baselineSpeedup: number | null;
  /** This run's speed-up ÷ the baseline's: above 1 is faster now. */
  ratio: number | null;
  /** A change only when the two runs' 95% speed-up intervals do not overlap. */
  change: Change;
}
