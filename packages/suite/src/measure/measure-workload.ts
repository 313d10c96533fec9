import { performance } from 'node:perf_hooks';
import {
  declinesRuntime,
  ErrorCode,
  messageOf,
  ReferenceFailedError,
  sequential,
  UnsupportedRuntimeError,
  type Backend,
  type GeneratedInput,
} from '@parabench/core';
import type { LoadedBackend, LoadedWorkload, RowMeasurement, RuntimeInfo, SuiteOptions, WorkloadMeasurement } from '../model/index.js';
import { digestOf } from './input-digest.js';
import type { ForkRunner } from './fork-runner.js';
import type { Activity, ForkSpec } from './fork-protocol.js';
import { applyRacing, nextFork } from './fork-schedule.js';
import { planMatrix, planSweep, type Combination } from './plan.js';
import { blame, notDeterministic, referenceFailure } from './fork-failures.js';
import { merge } from './fork-merge.js';
import { failedRow, failRow, newRow } from './row.js';

/**
 * Rounds in the first fork, at least: racing looks after it, and a row's spread between rounds
 * is what it can judge by until a second fork has run. Later forks may take one (see `nextFork`).
 */
const FIRST_FORK_ROUNDS = 2;

/** What measuring tells about its progress: the step it is taking now, and the combination it concerns. */
export type StepListener = (text: string, combination?: Combination) => void;

/**
 * One workload, in forks: fresh measuring processes, each of which starts the reference and the
 * combinations still in the race, warms them up and times them in paired, interleaved rounds.
 * After each fork, racing drops the rows shown worse than the leader beyond the noise and the
 * margin; forks go on until the minimum is reached and, within the time budget, while the
 * verdict is undecided. A fork that dies fails what it was doing then (a row, or the whole
 * workload when that was the reference); the rest goes on.
 */
export async function measureWorkload(
  loaded: LoadedWorkload,
  backends: readonly LoadedBackend[],
  options: SuiteOptions,
  runner: ForkRunner,
  step: StepListener,
  runtime: Pick<RuntimeInfo, 'name' | 'kind' | 'version'> = { name: 'node', kind: 'node', version: process.versions.node },
): Promise<WorkloadMeasurement> {
  const started = performance.now();
  const { definition: workload } = loaded;
  const measurement = emptyMeasurement(workload, options, runtime.name);
  let input: GeneratedInput<unknown, unknown>;
  try {
    input = workload.generate({ size: options.size, seed: options.seed });
  } catch (error) {
    const why = new ReferenceFailedError(`generate() threw: ${messageOf(error)}`, { workload: workload.name, cause: error });
    measurement.rows = plannedCombinations(backends, options, 0).map((combination) => failedRow(workload.name, combination, why));
    return measurement;
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

  let firstRound = 1;
  let rounds = Math.max(FIRST_FORK_ROUNDS, options.rounds);
  for (let fork = 1; ; fork++) {
    const racing = rows.flatMap((row, i) => (row.stopped === 'finished' ? [i] : []));
    const racingCombinations = racing.map((i) => combinations[i]).filter((c): c is Combination => c !== undefined);
    const spec = forkSpec(loaded, options, { fork, firstRound, rounds }, racingCombinations, urls);
    const forkStarted = performance.now();
    const { snapshot, end } = await runner.run(spec, (activity) => step(...describe(activity, fork, racing, combinations)));
    measurement.forkTimes.push({ seconds: (performance.now() - forkStarted) / 1000, roundsSeconds: (snapshot?.roundsMs ?? 0) / 1000, rounds });
    measurement.forks = fork;
    firstRound = snapshot === undefined ? firstRound + rounds : merge(measurement, snapshot, racing, firstRound);
    if (!end.ok && blame(measurement, end, fork, racing) === 'workload') break;
    if (reference.stopped === 'failed') {
      const wavering = reference.error === undefined && reference.mismatch !== undefined;
      if (reference.mismatch !== undefined && wavering) failRow(reference, notDeterministic(workload.name, reference.mismatch));
      // Against a reference that wavers, a row's own difference means nothing: every row says why.
      // A row failed in the same round for the reference's sake is told the reason found since.
      const forReference = (row: RowMeasurement) => row.error === undefined || row.error.code === ErrorCode.ReferenceFailed;
      for (const row of rows) if (row.stopped !== 'failed' || (wavering && forReference(row))) failRow(row, referenceFailure(workload.name, reference));
      break;
    }
    applyRacing(measurement, fork);
    const next = nextFork(measurement, fork, options, (performance.now() - started) / 1000);
    if (next === undefined) break;
    rounds = next.rounds;
  }
  measurement.seconds = (performance.now() - started) / 1000;
  return measurement;
}

/** The reference first, then every combination: the matrix, or a chunk-size sweep (which needs the item count). */
function plannedCombinations(backends: readonly LoadedBackend[], options: SuiteOptions, items: number): Combination[] {
  const planned: Backend[] = [sequential, ...backends.map(({ backend }) => backend).filter((backend) => backend.name !== sequential.name)];
  const swept = planned[1];
  if (options.sweep === 'chunk-size' && swept !== undefined)
    return items === 0 ? planMatrix(planned.slice(0, 1), options) : planSweep(swept, items, options.workers);
  return planMatrix(planned, options);
}

function forkSpec(
  loaded: LoadedWorkload,
  options: SuiteOptions,
  { fork, firstRound, rounds }: Pick<ForkSpec, 'fork' | 'firstRound' | 'rounds'>,
  combinations: Combination[],
  urls: Map<string, string>,
): ForkSpec {
  const names = [...new Set(combinations.map(({ backend }) => backend.name))];
  return {
    workload: { name: loaded.definition.name, url: loaded.url },
    backends: names.map((name) => ({ name, url: urls.get(name) ?? '' })),
    combinations: combinations.map(({ backend, workers, chunkSize }) => ({ backend: backend.name, workers, chunkSize })),
    fork,
    firstRound,
    rounds,
    settings: {
      size: options.size,
      seed: options.seed,
      timeout: options.timeout,
      gc: options.gc,
      maxMemory: options.maxMemory,
      slot: options.slot,
      warmup: options.warmup,
      maxLiveWorkers: options.maxLiveWorkers,
      probeWorkers: [1, ...options.workers],
    },
  };
}

/** What a fork is doing, for the progress line. */
function describe(activity: Activity, fork: number, racing: readonly number[], combinations: readonly Combination[]): [string, Combination?] {
  const combination = typeof activity.row === 'number' ? combinations[racing[activity.row] ?? -1] : undefined;
  const round = activity.round === undefined ? '' : ` · round ${activity.round}`;
  const what = activity.row === 'reference' ? ' the reference' : '';
  return [`fork ${fork}${round} · ${activity.phase}${what}`, combination];
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
