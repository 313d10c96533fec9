import { rateWorkload } from './analysis/rate-workload.js';
import { loopAgainst } from './analysis/runtimes.js';
import type { ForkRunner } from './measure/fork-runner.js';
import { describeMachine } from './measure/machine.js';
import { measureWorkload, type StepListener } from './measure/measure-workload.js';
import { plannedNames } from './measure/plan.js';
import { processForkRunner } from './measure/process-fork-runner.js';
import type {
  LoadedBackend,
  LoadedWorkload,
  ReportContext,
  Reporter,
  RuntimeInfo,
  SuiteOptions,
  SuiteResult,
  WorkloadMeasurement,
  WorkloadResult,
} from './model/index.js';
import { rowLabel } from './report/wording.js';

/** Where forks run: a runtime, and the runner that starts forks in it. */
export interface RuntimeRunner {
  runtime: RuntimeInfo;
  runner: ForkRunner;
}

/** How a run reports, and where it measures. */
export interface SuiteRun {
  /** Told about every step, in this order. */
  reporters?: readonly Reporter[];
  /** The context every reporter reads; by default, this machine, no baseline, nothing finished yet. */
  context?: ReportContext;
  /** Where each fork runs, for a run in one runtime. @default a fresh process of the Node that runs this */
  runner?: ForkRunner;
  /** The runtimes to measure in, each with its runner; the first is the scale the others are read on. Overrides `runner`. */
  runtimes?: readonly RuntimeRunner[];
}

/**
 * Measures every workload in turn, in every runtime, and rates it. Per workload and runtime:
 * forks (fresh measuring processes), each of which starts the reference and the combinations
 * still in the race, warms them up and times them in paired, interleaved rounds with a capacity
 * probe in each; racing drops the rows shown worse than the leader between forks. Each runtime's
 * own loop is its reference; its loop is also read against the first runtime's. A failing
 * combination never stops the rest. Every reporter hears of each step, each finished workload in
 * each runtime, and the end.
 */
export async function runSuite(
  workloads: readonly LoadedWorkload[],
  backends: readonly LoadedBackend[],
  options: SuiteOptions,
  run: SuiteRun = {},
): Promise<SuiteResult> {
  const reporters = run.reporters ?? [];
  const context = run.context ?? newContext(workloads, backends, options);
  const runtimes = run.runtimes ?? [{ runtime: thisNode(), runner: run.runner ?? processForkRunner({ exposeGc: options.gc, timeout: options.timeout }) }];
  const total = workloads.length * runtimes.length;
  const each = (tell: (reporter: Reporter) => void): void => {
    for (const reporter of reporters) tell(reporter);
  };
  try {
    each((reporter) => reporter.onStart?.(context));
    for (const [w, loaded] of workloads.entries()) {
      const name = loaded.definition.name;
      const measured: WorkloadMeasurement[] = [];
      for (const [r, { runtime, runner }] of runtimes.entries()) {
        const index = w * runtimes.length + r;
        const where = runtimes.length > 1 ? ` · ${runtime.name}` : '';
        const step: StepListener = (text, combination) => {
          const label = combination === undefined ? '' : ` ${rowLabel({ ...combination, backend: combination.backend.name }, options.sweep !== undefined)}`;
          each((reporter) => reporter.onProgress?.(context, { workload: `${name}${where}`, index, total, text: `${text}${label}` }));
        };
        const measurement = await measureWorkload(loaded, backends, options, runner, step, runtime);
        measured.push(measurement);
        const first = measured[0];
        const workload: WorkloadResult = {
          ...rateWorkload(measurement),
          loop: first === undefined || first === measurement ? undefined : loopAgainst(first, measurement),
        };
        context.result.finished.push(workload);
        if (r === runtimes.length - 1) context.result.remaining = context.result.remaining.filter((remaining) => remaining !== name);
        each((reporter) => reporter.onWorkload?.(context, workload, { index, total }));
      }
    }
  } catch (error) {
    each((reporter) => reporter.onEnd?.(context, error));
    throw error;
  }
  each((reporter) => reporter.onEnd?.(context));
  return context.result;
}

/** The Node that runs this process, as a runtime. */
export function thisNode(): RuntimeInfo {
  return { name: 'node', kind: 'node', version: process.versions.node, binary: process.execPath };
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
