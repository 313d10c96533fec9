import type { WorkloadSize } from '@parabench/core';
import type { CapacitySample, RowMeasurement } from '../model/index.js';

/** What one fork measures: one workload, some of its combinations, a number of rounds. */
export interface ForkSpec {
  workload: { name: string; url: string };
  /** Every backend the combinations name, with the module to load it from. */
  backends: Array<{ name: string; url: string }>;
  /** The combinations to time, besides the reference, which every fork times. */
  combinations: Array<{ backend: string; workers: number; chunkSize: number | 'auto' }>;
  /** This fork's number, from 1. */
  fork: number;
  /** The number of its first round: rounds are numbered across the workload's forks. */
  firstRound: number;
  rounds: number;
  settings: ForkSettings;
}

/** The options a fork measures with. */
export interface ForkSettings {
  size: WorkloadSize;
  seed: number;
  timeout: number | undefined;
  gc: boolean;
  maxMemory: number;
  slot: number;
  warmup: number;
  maxLiveWorkers: number;
  /** Worker counts the capacity probe measures. */
  probeWorkers: number[];
}

/** Which row an activity concerns: the index of a combination in the spec, or the reference. */
export type ActivityRow = number | 'reference';

/** What a fork is doing now: the parent names it in progress, and blames it when the fork dies. */
export interface Activity {
  phase: 'generate' | 'start' | 'cold map' | 'warm-up' | 'slot' | 'probe' | 'close';
  row?: ActivityRow;
  round?: number;
}

/** Everything a fork has measured so far: sent after start-up and after each round, and last when it is done. */
export interface ForkSnapshot {
  items: number;
  reduced: unknown;
  reference: RowMeasurement;
  /** One per combination of the spec, in its order. */
  rows: RowMeasurement[];
  capacity: CapacitySample[];
  /** Milliseconds spent in rounds so far (the rest of a fork is start-up, warm-up and closing). */
  roundsMs: number;
}

/** A line a fork sends its parent. */
export type ForkMessage = { type: 'activity'; activity: Activity } | { type: 'snapshot'; snapshot: ForkSnapshot } | { type: 'done' };

/** Whether an activity times a map, which `--timeout` bounds. */
export const isMapping = (activity: Activity): boolean => activity.phase === 'cold map' || activity.phase === 'warm-up' || activity.phase === 'slot';

/** What a fork's activity file holds: what it was doing, and the exception nobody caught, if that is how it ended. */
export interface ActivityRecord {
  activity?: Activity | undefined;
  uncaught?: string;
}
