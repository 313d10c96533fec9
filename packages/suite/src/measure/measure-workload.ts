import { performance } from 'node:perf_hooks';
import { declinesRuntime, messageOf, ReferenceFailedError, sequential, UnsupportedRuntimeError, type Backend, type GeneratedInput } from '@parabench/core';
import type { LoadedBackend, LoadedWorkload, RuntimeInfo, SuiteOptions, WorkloadMeasurement } from '../model/index.js';
import { digestOf } from './input-digest.js';
import type { ForkRunner } from './fork-runner.js';
import { describe, forkSpec } from './fork-spec.js';
import { applyRacing, nextFork } from './fork-schedule.js';
import { planMatrix, planSweep, type Combination } from './plan.js';
import { blame, failedByReference } from './fork-failures.js';
import { merge } from './fork-merge.js';
import { failedRow, failRow, newRow } from './row.js';

/**
 * Rounds in the first fork, at least: racing looks after it, and a row's spread between rounds
 * is what it can judge by until a second fork has run. Later forks may take one (see `nextFork`).
 */
const FIRST_FORK_ROUNDS = 2;

/** What measuring tells about its progress: the step it is taking now, and the combination it concerns. */
export type StepListener = (text: string, combination?: Combination) => void;

/** One workload measured fork by fork, so that a run can interleave the forks of many workloads. */
export interface WorkloadRace {
  /** Everything measured so far; final once `next` has said there is nothing more to run. */
  readonly measurement: WorkloadMeasurement;
  /** Runs the workload's next fork and races its rows: false once it needs no more. */
  next(): Promise<boolean>;
}

/**
 * One workload, in forks: fresh measuring processes, each of which starts the reference and the
 * combinations still in the race, warms them up and times them in paired, interleaved rounds.
 * After each fork, racing drops the rows shown worse than the leader beyond the noise and the
 * margin; forks go on until the minimum is reached and, within the time budget (the workload's
 * own forks' time), while the verdict is undecided. A fork that dies fails what it was doing then
 * (a row, or the whole workload when that was the reference); the rest goes on.
 */
export function startRace(
  loaded: LoadedWorkload,
  backends: readonly LoadedBackend[],
  options: SuiteOptions,
  runner: ForkRunner,
  step: StepListener,
  runtime: Pick<RuntimeInfo, 'name' | 'kind' | 'version'> = { name: 'node', kind: 'node', version: process.versions.node },
): WorkloadRace {
  const preparing = performance.now();
  const { definition: workload } = loaded;
  const measurement = emptyMeasurement(workload, options, runtime.name);
  let input: GeneratedInput<unknown, unknown>;
  try {
    input = workload.generate({ size: options.size, seed: options.seed });
  } catch (error) {
    const why = new ReferenceFailedError(`generate() threw: ${messageOf(error)}`, { workload: workload.name, cause: error });
    measurement.rows = plannedCombinations(backends, options, 0).map((combination) => failedRow(workload.name, combination, why));
    return { measurement, next: async () => false };
  }
  measurement.items = input.items.length;
  measurement.inputDigest = digestOf(input);
  const [referenceCombination, ...combinations] = plannedCombinations(backends, options, input.items.length);
  const reference = newRow(workload.name, referenceCombination ?? { backend: sequential, workers: 1, chunkSize: 'auto' });
  const rows = combinations.map((combination) => newRow(workload.name, combination));
  measurement.rows = [reference, ...rows];
  if (runtime.name !== 'node') for (const row of measurement.rows) row.runtime = runtime.name;
  for (const [i, { backend }] of combinations.entries()) {
    const row = rows[i];
    if (row !== undefined && declinesRuntime(backend, runtime.kind)) {
      failRow(
        row,
        new UnsupportedRuntimeError(`${backend.name} declares that it does not run in ${runtime.kind} (${runtime.name} ${runtime.version})`, {
          backend: backend.name,
        }),
      );
    }
  }
  const urls = new Map(backends.map(({ backend, url }) => [backend.name, url]));
  // The workload's own time: with forks of other workloads run in between, the clock since its
  // first fork would spend its budget on theirs.
  measurement.seconds = (performance.now() - preparing) / 1000;

  let fork = 0;
  let firstRound = 1;
  let rounds = Math.max(FIRST_FORK_ROUNDS, options.rounds);
  let done = false;
  const next = async (): Promise<boolean> => {
    if (done) return false;
    fork++;
    const racing = rows.flatMap((row, i) => (row.stopped === 'finished' ? [i] : []));
    const racingCombinations = racing.map((i) => combinations[i]).filter((c): c is Combination => c !== undefined);
    const spec = forkSpec(loaded, options, { fork, firstRound, rounds }, racingCombinations, urls);
    const forkStarted = performance.now();
    const { snapshot, end } = await runner.run(spec, (activity) => step(...describe(activity, fork, racing, combinations)));
    const seconds = (performance.now() - forkStarted) / 1000;
    measurement.forkTimes.push({ seconds, roundsSeconds: (snapshot?.roundsMs ?? 0) / 1000, rounds });
    measurement.forks = fork;
    measurement.seconds += seconds;
    firstRound = snapshot === undefined ? firstRound + rounds : merge(measurement, snapshot, racing, firstRound);
    done = (!end.ok && blame(measurement, end, fork, racing) === 'workload') || failedByReference(reference, rows, workload.name);
    if (done) return false;
    applyRacing(measurement, fork);
    const after = nextFork(measurement, fork, options, measurement.seconds);
    done = after === undefined;
    if (after !== undefined) rounds = after.rounds;
    return !done;
  };
  return { measurement, next };
}

/** One workload, every fork in turn: {@link startRace} run to its end. */
export async function measureWorkload(...args: Parameters<typeof startRace>): Promise<WorkloadMeasurement> {
  const race = startRace(...args);
  while (await race.next()) {}
  return race.measurement;
}

/** The reference first, then every combination: the matrix, or a chunk-size sweep (which needs the item count). */
function plannedCombinations(backends: readonly LoadedBackend[], options: SuiteOptions, items: number): Combination[] {
  const planned: Backend[] = [sequential, ...backends.map(({ backend }) => backend).filter((backend) => backend.name !== sequential.name)];
  const swept = planned[1];
  if (options.sweep === 'chunk-size' && swept !== undefined)
    return items === 0 ? planMatrix(planned.slice(0, 1), options) : planSweep(swept, items, options.workers);
  return planMatrix(planned, options);
}

function emptyMeasurement(workload: LoadedWorkload['definition'], options: SuiteOptions, runtime: string): WorkloadMeasurement {
  return {
    workload: workload.name,
    runtime,
    description: workload.description,
    items: 0,
    reduced: undefined,
    sweep: options.sweep,
    rows: [],
    capacitySamples: [],
    marginFraction: options.margin / 100,
    forks: 0,
    forkTimes: [],
    seconds: 0,
    inputDigest: undefined,
  };
}
