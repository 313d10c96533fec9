import { rateWorkload } from './analysis/rate-workload.js';
import { loopAgainst } from './analysis/runtimes.js';
import type { ForkRunner } from './measure/fork-runner.js';
import { describeMachine } from './measure/machine.js';
import { startRace, type StepListener } from './measure/measure-workload.js';
import { plannedNames } from './measure/plan.js';
import { processForkRunner } from './measure/process-fork-runner.js';
import type { LoadedBackend, LoadedWorkload, ReportContext, Reporter, RuntimeInfo, SuiteOptions, SuiteResult, WorkloadResult } from './model/index.js';
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
 * Measures every workload, in every runtime, and rates it. Per workload and runtime: forks (fresh
 * measuring processes), each of which starts the reference and the combinations still in the
 * race, warms them up and times them in paired, interleaved rounds with a capacity probe in each;
 * racing drops the rows shown worse than the leader between forks. The forks take turns: the
 * first fork of every workload, then the second of every workload still racing, and so on, so
 * that a change of the machine's load that lasts minutes falls between one workload's forks, into
 * its intervals, and not between two runs. Each runtime's own loop is its reference; its loop is
 * also read against the first runtime's. A failing combination never stops the rest. Every
 * reporter hears of each step, each finished workload in each runtime (in the plan's order once
 * the run is over, however they finished), and the end.
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
  let done = 0;
  const each = (tell: (reporter: Reporter) => void): void => {
    for (const reporter of reporters) tell(reporter);
  };
  try {
    each((reporter) => reporter.onStart?.(context));
    const races = workloads.map((loaded) =>
      runtimes.map(({ runtime, runner }) => {
        const where = runtimes.length > 1 ? ` · ${runtime.name}` : '';
        const step: StepListener = (text, combination) => {
          const label = combination === undefined ? '' : ` ${rowLabel({ ...combination, backend: combination.backend.name }, options.sweep !== undefined)}`;
          each((reporter) => reporter.onProgress?.(context, { workload: `${loaded.definition.name}${where}`, index: done, total, text: `${text}${label}` }));
        };
        return { race: startRace(loaded, backends, options, runner, step, runtime), running: true };
      }),
    );
    const finish = (w: number): void => {
      const measured = (races[w] ?? []).map(({ race }) => race.measurement);
      const first = measured[0];
      const rated = measured.map(
        (measurement): WorkloadResult => ({
          ...rateWorkload(measurement),
          loop: first === undefined || first === measurement ? undefined : loopAgainst(first, measurement),
        }),
      );
      // Every runtime's result is in before any reporter hears of one: a report written then is whole.
      for (const workload of rated) insertInPlanOrder(context, workload, runtimes);
      context.result.remaining = context.result.remaining.filter((remaining) => remaining !== workloads[w]?.definition.name);
      for (const workload of rated) each((reporter) => reporter.onWorkload?.(context, workload, { index: done++, total }));
    };
    while (races.some((forRuntimes) => forRuntimes.some(({ running }) => running))) {
      for (const [w, forRuntimes] of races.entries()) {
        if (!forRuntimes.some(({ running }) => running)) continue;
        for (const entry of forRuntimes) if (entry.running) entry.running = await entry.race.next();
        if (!forRuntimes.some(({ running }) => running)) finish(w);
      }
    }
  } catch (error) {
    each((reporter) => reporter.onEnd?.(context, error));
    throw error;
  }
  each((reporter) => reporter.onEnd?.(context));
  return context.result;
}

/** Adds a finished workload where the plan has it, whatever order the workloads finished in. */
function insertInPlanOrder(context: ReportContext, workload: WorkloadResult, runtimes: readonly RuntimeRunner[]): void {
  const names = runtimes.map(({ runtime }) => runtime.name);
  const key = ({ workload: name, runtime }: WorkloadResult) => [context.result.planned.workloads.indexOf(name), names.indexOf(runtime)] as const;
  const [w, r] = key(workload);
  const { finished } = context.result;
  const after = finished.findIndex((other) => {
    const [ow, or] = key(other);
    return ow > w || (ow === w && or > r);
  });
  finished.splice(after === -1 ? finished.length : after, 0, workload);
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
