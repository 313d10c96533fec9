import type { Backend } from '@parabench/core';
import { startCapacityProbe } from './capacity.js';
import type { LoadedWorkload } from './catalog.js';
import type { SuiteOptions } from './options.js';
import { measureWorkload } from './measure-workload.js';
import type { WorkloadRun } from './results.js';
import { rateWorkload } from './workload-run.js';

export interface SuiteHooks {
  /** What is being done now, for progress output: `workload` is the index-th of `total`. */
  onStep?(step: { workload: string; index: number; total: number; text: string }): void;
  /** A workload is finished and rated. */
  onWorkload?(run: WorkloadRun, index: number, total: number): void;
}

export interface SuiteResult {
  /** What the run set out to measure, by name. */
  plan: { workloads: string[]; backends: string[] };
  /** The finished workloads, in the order they ran. */
  runs: WorkloadRun[];
  /** Names of the workloads still to run: empty once the run is complete. */
  remaining: string[];
}

/**
 * Measures every workload in turn. Per workload: start the reference and every combination
 * (timing start-up and one cold map each), warm them all up, then time them in paired,
 * interleaved rounds with a capacity probe in each, until every row is precise enough or the
 * budget is spent. A failing combination never stops the rest.
 */
export async function runSuite(
  workloads: readonly LoadedWorkload[],
  backends: readonly Backend[],
  options: SuiteOptions,
  hooks: SuiteHooks = {},
): Promise<SuiteResult> {
  const probe = await startCapacityProbe([1, ...options.workers]);
  const runs: WorkloadRun[] = [];
  try {
    for (const [index, loaded] of workloads.entries()) {
      const step = (text: string): void => hooks.onStep?.({ workload: loaded.definition.name, index, total: workloads.length, text });
      const run = rateWorkload(await measureWorkload(loaded, backends, options, probe, step));
      runs.push(run);
      hooks.onWorkload?.(run, index, workloads.length);
    }
  } finally {
    await probe.close();
  }
  return { plan: planOf(workloads, backends), runs, remaining: [] };
}

/** The names of what a run measures. */
export function planOf(workloads: readonly LoadedWorkload[], backends: readonly Backend[]): SuiteResult['plan'] {
  return { workloads: workloads.map((loaded) => loaded.definition.name), backends: backends.map((backend) => backend.name) };
}
