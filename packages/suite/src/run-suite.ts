import { createRandom, ErrorCode, messageOf, sequential, type Backend } from '@parabench/core';
import { startCapacityProbe, type CapacityProbe } from './capacity.js';
import type { LoadedWorkload } from './catalog.js';
import { startContender, type Contender, type ContenderContext } from './contender.js';
import { rowLabel } from './format.js';
import type { SuiteOptions } from './options.js';
import { batchByLiveWorkers, planMatrix, planSweep, type Combination } from './plan.js';
import type { WorkloadMeasurement, WorkloadRun } from './results.js';
import { runRounds } from './rounds.js';
import { warmUp } from './warm-up.js';
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
      const step = (text: string): void => hooks.onStep?.({ workload: loaded.workload.name, index, total: workloads.length, text });
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
  return { workloads: workloads.map((loaded) => loaded.workload.name), backends: backends.map((backend) => backend.name) };
}

async function measureWorkload(
  { workload, url }: LoadedWorkload,
  backends: readonly Backend[],
  options: SuiteOptions,
  probe: CapacityProbe,
  step: (text: string) => void,
): Promise<WorkloadMeasurement> {
  const input = workload.generate({ size: options.size, seed: options.seed });
  const context: ContenderContext = { workload: workload.name, request: { workload: url, items: input.items, context: input.context }, timeout: options.timeout, gc: options.gc };
  const sweep = options.sweep === 'chunk-size';
  const measurement: WorkloadMeasurement = {
    workload: workload.name,
    description: workload.description,
    items: input.items.length,
    reduced: undefined,
    sweep: options.sweep,
    rows: [],
    capacity: [],
    precision: options.precision / 100,
  };
  step('the sequential reference');
  const { contender: reference, result: expected } = await startContender({ backend: sequential, workers: 1, chunkSize: 'auto' }, context);
  measurement.rows.push(reference.row);
  try {
    if (expected === undefined) {
      // Without a reference nothing can be checked or timed against: report it and go on.
      const error = reference.row.error ?? { code: ErrorCode.BackendFailed, message: 'no result' };
      reference.row.error = { ...error, message: `the sequential reference failed: ${error.message}` };
      return measurement;
    }
    try {
      measurement.reduced = workload.reduce?.(expected, input.items);
    } catch (error) {
      measurement.reduced = `reduce() failed: ${messageOf(error)}`;
    }
    const swept = backends.find((backend) => backend.name !== sequential.name);
    const plan: Combination[] = (sweep && swept !== undefined ? planSweep(swept, input.items.length, options.workers) : planMatrix(backends, options)).slice(1);
    const random = createRandom(options.seed);
    let firstRound = 1;
    for (const batch of batchByLiveWorkers(plan, options.maxLiveWorkers)) {
      const contenders: Contender[] = [];
      try {
        for (const combination of batch) {
          step(`starting ${rowLabel({ ...combination, backend: combination.backend.name }, sweep)}`);
          const { contender } = await startContender(combination, context, expected);
          contenders.push(contender);
          measurement.rows.push(contender.row);
        }
        step('warming up');
        await warmUp([reference, ...contenders], expected, options.warmup);
        const rounds = await runRounds(reference, contenders, expected, {
          minRounds: options.minRounds,
          precision: options.precision / 100,
          budgetMs: options.time,
          slotMs: options.slot,
          random,
          probe,
          firstRound,
          onRound: (round, sampling) => step(`round ${round - firstRound + 1}: ${sampling} of ${contenders.length} rows sampling`),
        });
        measurement.capacity.push(...rounds.capacity);
        firstRound = rounds.nextRound;
      } finally {
        await Promise.all(contenders.map((contender) => contender.close()));
      }
    }
  } finally {
    await reference.close();
  }
  return measurement;
}
