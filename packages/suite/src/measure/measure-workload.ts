import { performance } from 'node:perf_hooks';
import { messageOf, ParabenchError, ReferenceFailedError, sequential, type Backend, type GeneratedInput } from '@parabench/core';
import type { LoadedBackend, LoadedWorkload, Mismatch, RowMeasurement, SuiteOptions, WorkloadMeasurement } from '../model/index.js';
import { digestOf } from './input-digest.js';
import type { ForkEnd, ForkRunner } from './fork-runner.js';
import type { Activity, ForkSnapshot, ForkSpec } from './fork-protocol.js';
import { applyRacing, nextFork } from './fork-schedule.js';
import { planMatrix, planSweep, type Combination } from './plan.js';
import { failedRow, failRow, newRow } from './row.js';

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
): Promise<WorkloadMeasurement> {
  const started = performance.now();
  const { definition: workload } = loaded;
  const measurement = emptyMeasurement(workload, options);
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
  const urls = new Map(backends.map(({ backend, url }) => [backend.name, url]));

  let firstRound = 1;
  let rounds = options.rounds;
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
      for (const row of rows) if (row.stopped !== 'failed' || (wavering && row.error === undefined)) failRow(row, referenceFailure(workload.name, reference));
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

/** A fork's snapshot, added to what earlier forks measured. Returns the next round's number. */
function merge(measurement: WorkloadMeasurement, snapshot: ForkSnapshot, racing: readonly number[], firstRound: number): number {
  const [reference, ...rows] = measurement.rows;
  if (reference !== undefined) mergeRow(reference, snapshot.reference);
  for (const [j, measured] of snapshot.rows.entries()) {
    const row = rows[racing[j] ?? -1];
    if (row !== undefined) mergeRow(row, measured);
  }
  measurement.capacitySamples.push(...snapshot.capacity);
  if (measurement.reduced === undefined) measurement.reduced = snapshot.reduced;
  return Math.max(firstRound, ...snapshot.reference.samples.map((sample) => sample.round + 1));
}

function mergeRow(row: RowMeasurement, measured: RowMeasurement): void {
  row.samples.push(...measured.samples);
  row.startupMs ??= measured.startupMs;
  row.firstMapMs ??= measured.firstMapMs;
  if (measured.chunkSizeAuto !== undefined) {
    row.chunkSize = measured.chunkSize;
    row.chunkSizeAuto = measured.chunkSizeAuto;
  }
  if (row.stopped === 'failed') return;
  if (measured.mismatch !== undefined) row.mismatch = measured.mismatch;
  if (measured.error !== undefined) row.error = measured.error;
  if (measured.stopped === 'failed') row.stopped = 'failed';
}

/**
 * A fork that died fails what it was doing: the row it was starting, warming up, timing or
 * closing; or, when it died on the reference, the input or the capacity probe, every row of the
 * workload. Says which it was.
 */
function blame(measurement: WorkloadMeasurement, end: Exclude<ForkEnd, { ok: true }>, fork: number, racing: readonly number[]): 'row' | 'workload' {
  const [reference, ...rows] = measurement.rows;
  const index = typeof end.activity?.row === 'number' ? racing[end.activity.row] : undefined;
  const row = index === undefined ? undefined : rows[index];
  const doing =
    end.activity === undefined
      ? 'before it began measuring'
      : `while ${DOING[end.activity.phase]}${row === undefined ? (end.activity.row === 'reference' ? ' the sequential reference' : '') : ' this combination'}`;
  const error = new ParabenchError(end.code, `the measuring process (fork ${fork} of ${measurement.workload}) ${end.how} ${doing}`, {
    workload: measurement.workload,
    ...(row === undefined ? {} : { backend: row.backend }),
  });
  if (row !== undefined) {
    failRow(row, error);
    return 'row';
  }
  for (const each of [reference, ...rows]) if (each !== undefined && each.stopped !== 'failed') failRow(each, error);
  return 'workload';
}

/**
 * The reference's own results differed from one map to the next: the workload answers the same
 * input differently, so no backend can be judged against it. Says so, with the first difference.
 */
function notDeterministic(workload: string, { index, expected, actual }: Mismatch): Error {
  const where = index === null ? '' : ` (item ${index}: ${expected} once, ${actual} another time)`;
  return new ReferenceFailedError(
    `${workload} gives different answers for the same input${where}: its map is not deterministic, so no backend can be judged against it (see the rules in docs/adding-a-workload.md)`,
    { workload },
  );
}

/** What a fork was doing, in words: "while timing this combination". */
const DOING: Record<Activity['phase'], string> = {
  generate: 'generating the input',
  start: 'starting',
  'cold map': 'mapping once, cold,',
  'warm-up': 'warming up',
  slot: 'timing',
  probe: 'probing the capacity',
  close: 'closing',
};

function referenceFailure(workload: string, reference: RowMeasurement): Error {
  const error = reference.error ?? {
    code: 'PARABENCH_BACKEND_FAILED',
    message: reference.mismatch === undefined ? 'no result' : 'its results differ between maps',
  };
  return new ReferenceFailedError(`the sequential reference failed: [${error.code}] ${error.message}`, { workload });
}

/** What a fork is doing, for the progress line. */
function describe(activity: Activity, fork: number, racing: readonly number[], combinations: readonly Combination[]): [string, Combination?] {
  const combination = typeof activity.row === 'number' ? combinations[racing[activity.row] ?? -1] : undefined;
  const round = activity.round === undefined ? '' : ` · round ${activity.round}`;
  const what = activity.row === 'reference' ? ' the reference' : '';
  return [`fork ${fork}${round} · ${activity.phase}${what}`, combination];
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
    marginFraction: options.margin / 100,
    forks: 0,
    forkTimes: [],
    seconds: 0,
    inputDigest: undefined,
  };
}
