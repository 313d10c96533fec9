import type { Baseline } from './comparison.js';
import type { MachineInfo } from './machine.js';
import type { SuiteOptions } from './options.js';
import type { SuiteResult, WorkloadResult } from './result.js';

/** What every reporter is told about, and reads from: one object for the whole run. */
export interface ReportContext {
  machine: MachineInfo;
  options: SuiteOptions;
  /** The run so far: updated before each event. */
  result: SuiteResult;
  /** The saved run `--compare` reads, if any. */
  baseline: Baseline | undefined;
  /** The report file an interrupted run is resumed from, if it is one. */
  resumedFrom: string | undefined;
}

/** What is being done now: `workload` is the index-th of `total`. */
export interface ProgressStep {
  workload: string;
  index: number;
  total: number;
  text: string;
}

/**
 * One way of telling about a run: the console, the progress bar, a report file, the comparison
 * with a baseline. Every event is optional; all take the same context. A reporter that writes a
 * file writes it once when it is made, so a path that cannot be written stops the run before it
 * measures anything.
 */
export interface Reporter {
  /** Before anything is measured. */
  onStart?(context: ReportContext): void;
  /** What is being done now. */
  onProgress?(context: ReportContext, step: ProgressStep): void;
  /** A workload is finished and rated; `context.result` already holds it. */
  onWorkload?(context: ReportContext, workload: WorkloadResult, step: { index: number; total: number }): void;
  /** The run is over: `error` is what stopped it early, if anything did. */
  onEnd?(context: ReportContext, error?: unknown): void;
}
