import type { WorkloadSize } from '@parabench/core';

/** Everything a run needs, after defaults. */
export interface SuiteOptions {
  /** Workload names or module paths. @default every workload found */
  workloads: string[] | undefined;
  /** Backend names or module paths; `sequential` always runs as the reference. @default every backend found */
  backends: string[] | undefined;
  /** Worker counts to try. @default [1, os.availableParallelism()] */
  workers: number[];
  /** @default 'default' ('quick' with `--quick`) */
  size: WorkloadSize;
  /** @default 1 */
  seed: number;
  /** Fresh measuring processes each workload's rounds are spread over, at least. @default 3 (2 with `--quick`) */
  forks: number;
  /** Rounds in each fork: every row still in the race is timed once per round. @default 2 */
  rounds: number;
  /**
   * Time budget of a workload, in ms: after `forks` forks, more run while some row is still
   * undecided, until the workload has taken this long (or three times `forks` have run).
   * @default 20000 (2000 with `--quick`)
   */
  time: number;
  /** Equivalence margin, in percent: speed-ups shown to differ by less than this are equivalent. @default 3 */
  margin: number;
  /** The least time a row's slot in a round lasts, in ms: shorter maps are repeated within it. @default 100 (10 with `--quick`) */
  slot: number;
  /** Warm-up per executor before the rounds, in ms (at least one map each). @default 200 (20 with `--quick`) */
  warmup: number;
  /** Threads and processes a workload may keep alive at once; a larger plan runs in batches. @default 64 */
  maxLiveWorkers: number;
  /**
   * Heap limit of each worker thread or process, in MiB, for backends that declare `memoryLimit`:
   * a map that needs more fails its row with `PARABENCH_OUT_OF_MEMORY` instead of exhausting the machine.
   * @default half the machine's memory shared among the largest worker count, at least 256
   */
  maxMemory: number;
  /** Write the results as JSON to this file. */
  json: string | undefined;
  /** Write the tables and summary lines as Markdown to this file. */
  markdown: string | undefined;
  /** Write a self-contained page with charts to this file. */
  html: string | undefined;
  /** A JSON report of an earlier run to compare each row with. */
  compare: string | undefined;
  /** Abandon a `map` (and its combination) after this many ms, terminating stuck workers. @default none */
  timeout: number | undefined;
  /** Items per chunk for backends that declare `chunking`. @default 'auto' */
  chunkSize: number | 'auto';
  /** Collect garbage before each slot, in the main thread and in every worker (workers need `--expose-gc`). @default false */
  gc: boolean;
  /** Instead of the matrix, run one workload on one backend over chunk sizes 1, 4, 16 … @default none */
  sweep: 'chunk-size' | undefined;
  /** Every column in the terminal's tables, not only those a person decides by. @default false */
  wide: boolean;
  /** Run the whole command this many times and say how far the runs agree. @default 1 */
  repeat: number;
  /**
   * The runtimes to measure in: `node` (the Node that runs the CLI), `node@22`, `bun`, `deno`, or
   * paths to their binaries. Each measures every combination against its own loop. @default ['node']
   */
  runtimes: string[];
}

/** The options that decide what is measured and how: a resumed run must have the same, and the JSON report records them. */
export const MEASUREMENT_OPTIONS = [
  'workloads',
  'backends',
  'size',
  'seed',
  'workers',
  'forks',
  'rounds',
  'time',
  'margin',
  'slot',
  'warmup',
  'maxLiveWorkers',
  'maxMemory',
  'timeout',
  'chunkSize',
  'gc',
  'sweep',
  'runtimes',
] as const satisfies ReadonlyArray<keyof SuiteOptions>;

export type MeasurementOptions = Pick<SuiteOptions, (typeof MEASUREMENT_OPTIONS)[number]>;
