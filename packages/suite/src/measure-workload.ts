import { createRandom, ErrorCode, messageOf, ReferenceFailedError, sequential, supports, type Backend, type GeneratedInput } from '@parabench/core';
import type { CapacityProbe } from './capacity.js';
import type { LoadedWorkload } from './catalog.js';
import { fail, startContender, type Contender, type ContenderContext } from './contender.js';
import { rowLabel } from './format.js';
import type { SuiteOptions } from './options.js';
import { batchByLiveWorkers, planMatrix, planSweep, type Combination } from './plan.js';
import type { RowMeasurement, WorkloadMeasurement } from './results.js';
import { runRounds } from './rounds.js';
import { warmUp } from './warm-up.js';

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
  step: (text: string) => void,
): Promise<WorkloadMeasurement> {
  const sweep = options.sweep === 'chunk-size';
  const measurement = emptyMeasurement(workload, options);
  const notMeasured = (error: Error, reference?: RowMeasurement): WorkloadMeasurement => {
    measurement.rows = failedRows(workload.name, backends, options, error, reference);
    return measurement;
  };

  let input: GeneratedInput<unknown, unknown>;
  try {
    input = workload.generate({ size: options.size, seed: options.seed });
  } catch (error) {
    return notMeasured(new ReferenceFailedError(`generate() threw: ${messageOf(error)}`, { workload: workload.name, cause: error }));
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
      return notMeasured(
        new ReferenceFailedError(`the sequential reference failed: [${error.code}] ${error.message}`, { workload: workload.name }),
        reference.row,
      );
    }
    measurement.rows.push(reference.row);
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
    capacity: [],
    precision: options.precision / 100,
  };
}

/**
 * A row for the reference and for every planned combination of a workload that could not be
 * measured, each failed with `error` (the reference with its own, where it has one).
 */
function failedRows(workload: string, backends: readonly Backend[], options: SuiteOptions, error: Error, reference?: RowMeasurement): RowMeasurement[] {
  // A sweep's combinations depend on the item count, which a failed workload may not have: the reference alone.
  const planned = options.sweep === 'chunk-size' ? backends.slice(0, 1) : backends;
  const rows = planMatrix(planned, options).map(({ backend, workers, chunkSize }): RowMeasurement => {
    const row: RowMeasurement = {
      workload,
      backend: backend.name,
      runsOn: backend.runsOn ?? 'main-thread',
      workers,
      chunkSize: supports(backend, 'chunking') ? chunkSize : null,
      startupMs: null,
      firstMapMs: null,
      samples: [],
      stopped: 'failed',
    };
    fail(row, error);
    return row;
  });
  if (reference !== undefined && rows[0] !== undefined) rows[0] = reference;
  return rows;
}
