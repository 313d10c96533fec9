import { createRandom, ErrorCode, messageOf, ReferenceFailedError, sequential, type Backend, type GeneratedInput } from '@parabench/core';
import type { LoadedWorkload, RowMeasurement, SuiteOptions, WorkloadMeasurement } from '../model/index.js';
import type { CapacityProbe } from './capacity.js';
import { startContender, type Contender, type ContenderContext } from './contender.js';
import { batchByLiveWorkers, planMatrix, planSweep, type Combination } from './plan.js';
import { runRounds } from './rounds.js';
import { failedRow } from './row.js';
import { warmUp } from './warm-up.js';

/** What measuring tells about its progress: the name of the step it is taking now. */
export type StepListener = (text: string, combination?: Combination) => void;

/**
 * One workload: generate its input, start the reference and every combination (timing start-up and one
 * cold map each), warm them all up, then time them in paired, interleaved rounds with a capacity
 * probe in each. A failing combination never stops the rest; a workload whose input or reference
 * fails gets a failed row for every combination, saying why, and the run goes on.
 */
export async function measureWorkload(
  { definition: workload, url }: LoadedWorkload,
  backends: readonly Backend[],
  options: SuiteOptions,
  probe: CapacityProbe,
  step: StepListener,
): Promise<WorkloadMeasurement> {
  const measurement = emptyMeasurement(workload, options);
  let input: GeneratedInput<unknown, unknown>;
  try {
    input = workload.generate({ size: options.size, seed: options.seed });
  } catch (error) {
    measurement.rows = failedRows(
      workload.name,
      backends,
      options,
      new ReferenceFailedError(`generate() threw: ${messageOf(error)}`, { workload: workload.name, cause: error }),
    );
    return measurement;
  }
  measurement.items = input.items.length;
  const context: ContenderContext = {
    workload: workload.name,
    request: { workloadUrl: url, workloadName: workload.name, items: input.items, context: input.context },
    timeout: options.timeout,
    gc: options.gc,
    maxMemoryMb: options.maxMemory,
  };

  step('the sequential reference');
  const { contender: reference, result: expected } = await startContender({ backend: sequential, workers: 1, chunkSize: 'auto' }, context);
  try {
    if (expected === undefined) {
      const error = reference.row.error ?? { code: ErrorCode.BackendFailed, message: 'no result' };
      const why = new ReferenceFailedError(`the sequential reference failed: [${error.code}] ${error.message}`, { workload: workload.name });
      measurement.rows = [reference.row, ...failedRows(workload.name, backends, options, why).slice(1)];
      return measurement;
    }
    measurement.rows.push(reference.row);
    measurement.reduced = reduceSafely(workload, expected, input.items);
    const swept = backends.find((backend) => backend.name !== sequential.name);
    const plan = options.sweep === 'chunk-size' && swept !== undefined ? planSweep(swept, input.items.length, options.workers) : planMatrix(backends, options);
    await measureBatches(plan.slice(1), { reference, expected, context, options, probe, step, measurement });
  } finally {
    await reference.close();
  }
  return measurement;
}

interface BatchRun {
  reference: Contender;
  expected: readonly unknown[];
  context: ContenderContext;
  options: SuiteOptions;
  probe: CapacityProbe;
  step: StepListener;
  measurement: WorkloadMeasurement;
}

/** Each batch of combinations that can be alive at once: started, warmed up, timed in rounds with the reference, closed. */
async function measureBatches(plan: readonly Combination[], run: BatchRun): Promise<void> {
  const { reference, expected, context, options, probe, step, measurement } = run;
  const random = createRandom(options.seed);
  let firstRound = 1;
  for (const batch of batchByLiveWorkers(plan, options.maxLiveWorkers)) {
    const contenders: Contender[] = [];
    try {
      for (const combination of batch) {
        step('starting', combination);
        const { contender } = await startContender(combination, context, expected);
        contenders.push(contender);
        measurement.rows.push(contender.row);
      }
      step('warming up');
      await warmUp([reference, ...contenders], expected, options.warmup);
      const rounds = await runRounds(reference, contenders, expected, {
        minRounds: options.minRounds,
        precisionFraction: measurement.precisionFraction,
        budgetMs: options.time,
        slotMs: options.slot,
        random,
        probe,
        firstRound,
        onRound: (round, sampling) => step(`round ${round - firstRound + 1}: ${sampling} of ${contenders.length} rows sampling`),
      });
      measurement.capacitySamples.push(...rounds.capacity);
      firstRound = rounds.nextRound;
    } finally {
      await Promise.all(contenders.map((contender) => contender.close()));
    }
  }
}

function reduceSafely(workload: LoadedWorkload['definition'], expected: unknown[], items: GeneratedInput<unknown, unknown>['items']): unknown {
  try {
    return workload.reduce?.(expected, items);
  } catch (error) {
    return `reduce() failed: ${messageOf(error)}`;
  }
}

/**
 * A workload that the measuring process could not survive (it ran out of memory on the main
 * thread): every row failed with `error`, for the supervising CLI to report before it resumes.
 */
export function lostWorkload({ definition: workload }: LoadedWorkload, backends: readonly Backend[], options: SuiteOptions, error: Error): WorkloadMeasurement {
  return { ...emptyMeasurement(workload, options), rows: failedRows(workload.name, backends, options, error) };
}

function emptyMeasurement(workload: LoadedWorkload['definition'], options: SuiteOptions): WorkloadMeasurement {
  return {
    workload: workload.name,
    description: workload.description,
    items: 0,
    reduced: undefined,
    sweep: options.sweep,
    rows: [],
    capacitySamples: [],
    precisionFraction: options.precision / 100,
  };
}

/** A failed row for the reference and for every planned combination of a workload that could not be measured. */
function failedRows(workload: string, backends: readonly Backend[], options: SuiteOptions, error: Error): RowMeasurement[] {
  // A sweep's combinations depend on the item count, which a failed workload may not have: the reference alone.
  const planned = options.sweep === 'chunk-size' ? backends.slice(0, 1) : backends;
  return planMatrix(planned, options).map((combination) => failedRow(workload, combination, error));
}
