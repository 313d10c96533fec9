import type { Backend } from '@parabench/core';
import { rateWorkload } from './analysis/rate-workload.js';
import { startCapacityProbe } from './measure/capacity.js';
import { describeMachine } from './measure/machine.js';
import { lostWorkload, measureWorkload, type StepListener } from './measure/measure-workload.js';
import { plannedNames } from './measure/plan.js';
import type { LoadedWorkload, ReportContext, Reporter, SuiteOptions, SuiteResult, WorkloadResult } from './model/index.js';
import { rowLabel } from './report/wording.js';

/** How a run reports, and what it carries on from. */
export interface SuiteRun {
  /** Told about every step, in this order. */
  reporters?: readonly Reporter[];
  /** The context every reporter reads; by default, this machine, no baseline, nothing finished yet. */
  context?: ReportContext;
  /** A workload the previous measuring process died on: if it comes first, it is reported as failed with this error, not measured again. */
  lost?: { workload: string; error: Error };
}

/**
 * Measures every workload in turn and rates it. Per workload: start the reference and every
 * combination (timing start-up and one cold map each), warm them all up, then time them in
 * paired, interleaved rounds with a capacity probe in each, until every row is precise enough or
 * the budget is spent. A failing combination never stops the rest. Every reporter hears of each
 * step, each finished workload, and the end.
 */
export async function runSuite(
  workloads: readonly LoadedWorkload[],
  backends: readonly Backend[],
  options: SuiteOptions,
  run: SuiteRun = {},
): Promise<SuiteResult> {
  const reporters = run.reporters ?? [];
  const context = run.context ?? newContext(workloads, backends, options);
  const total = workloads.length;
  const each = (tell: (reporter: Reporter) => void): void => {
    for (const reporter of reporters) tell(reporter);
  };
  try {
    each((reporter) => reporter.onStart?.(context));
    const probe = await startCapacityProbe([1, ...options.workers]);
    try {
      for (const [index, loaded] of workloads.entries()) {
        const name = loaded.definition.name;
        const step: StepListener = (text, combination) => {
          const label = combination === undefined ? '' : ` ${rowLabel({ ...combination, backend: combination.backend.name }, options.sweep !== undefined)}`;
          each((reporter) => reporter.onProgress?.(context, { workload: name, index, total, text: `${text}${label}` }));
        };
        const measurement =
          index === 0 && run.lost?.workload === name
            ? lostWorkload(loaded, backends, options, run.lost.error)
            : await measureWorkload(loaded, backends, options, probe, step);
        const workload: WorkloadResult = rateWorkload(measurement);
        context.result.finished.push(workload);
        context.result.remaining = context.result.remaining.filter((remaining) => remaining !== name);
        each((reporter) => reporter.onWorkload?.(context, workload, { index, total }));
      }
    } finally {
      await probe.close();
    }
  } catch (error) {
    each((reporter) => reporter.onEnd?.(context, error));
    throw error;
  }
  each((reporter) => reporter.onEnd?.(context));
  return context.result;
}

function newContext(workloads: readonly LoadedWorkload[], backends: readonly Backend[], options: SuiteOptions): ReportContext {
  const planned = plannedNames(workloads, backends);
  return {
    machine: describeMachine(),
    options,
    result: { planned, finished: [], remaining: [...planned.workloads] },
    baseline: undefined,
    resumedFrom: undefined,
  };
}
