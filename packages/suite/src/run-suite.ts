import { rateWorkload } from './analysis/rate-workload.js';
import type { ForkRunner } from './measure/fork-runner.js';
import { describeMachine } from './measure/machine.js';
import { measureWorkload, type StepListener } from './measure/measure-workload.js';
import { plannedNames } from './measure/plan.js';
import { processForkRunner } from './measure/process-fork-runner.js';
import type { LoadedBackend, LoadedWorkload, ReportContext, Reporter, SuiteOptions, SuiteResult, WorkloadResult } from './model/index.js';
import { rowLabel } from './report/wording.js';

/** How a run reports, and where it measures. */
export interface SuiteRun {
  /** Told about every step, in this order. */
  reporters?: readonly Reporter[];
  /** The context every reporter reads; by default, this machine, no baseline, nothing finished yet. */
  context?: ReportContext;
  /** Where each fork runs. @default a fresh Node process per fork */
  runner?: ForkRunner;
}

/**
 * Measures every workload in turn and rates it. Per workload: forks (fresh measuring processes),
 * each of which starts the reference and the combinations still in the race, warms them up and
 * times them in paired, interleaved rounds with a capacity probe in each; racing drops the rows
 * shown worse than the leader between forks. A failing combination never stops the rest. Every
 * reporter hears of each step, each finished workload, and the end.
 */
export async function runSuite(
  workloads: readonly LoadedWorkload[],
  backends: readonly LoadedBackend[],
  options: SuiteOptions,
  run: SuiteRun = {},
): Promise<SuiteResult> {
  const reporters = run.reporters ?? [];
  const context = run.context ?? newContext(workloads, backends, options);
  const runner = run.runner ?? processForkRunner({ exposeGc: options.gc, timeout: options.timeout });
  const total = workloads.length;
  const each = (tell: (reporter: Reporter) => void): void => {
    for (const reporter of reporters) tell(reporter);
  };
  try {
    each((reporter) => reporter.onStart?.(context));
    for (const [index, loaded] of workloads.entries()) {
      const name = loaded.definition.name;
      const step: StepListener = (text, combination) => {
        const label = combination === undefined ? '' : ` ${rowLabel({ ...combination, backend: combination.backend.name }, options.sweep !== undefined)}`;
        each((reporter) => reporter.onProgress?.(context, { workload: name, index, total, text: `${text}${label}` }));
      };
      const workload: WorkloadResult = rateWorkload(await measureWorkload(loaded, backends, options, runner, step));
      context.result.finished.push(workload);
      context.result.remaining = context.result.remaining.filter((remaining) => remaining !== name);
      each((reporter) => reporter.onWorkload?.(context, workload, { index, total }));
    }
  } catch (error) {
    each((reporter) => reporter.onEnd?.(context, error));
    throw error;
  }
  each((reporter) => reporter.onEnd?.(context));
  return context.result;
}

function newContext(workloads: readonly LoadedWorkload[], backends: readonly LoadedBackend[], options: SuiteOptions): ReportContext {
  const planned = plannedNames(
    workloads,
    backends.map(({ backend }) => backend),
  );
  return {
    machine: describeMachine(),
    options,
    result: { planned, finished: [], remaining: [...planned.workloads] },
    baseline: undefined,
    resumedFrom: undefined,
  };
}
