import type { LoadedWorkload, SuiteOptions } from '../model/index.js';
import type { Activity, ForkSpec } from './fork-protocol.js';
import type { Combination } from './plan.js';

/** What a fork is told: the workload, the combinations still racing, its rounds and the run's settings. */
export function forkSpec(
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
export function describe(activity: Activity, fork: number, racing: readonly number[], combinations: readonly Combination[]): [string, Combination?] {
  const combination = typeof activity.row === 'number' ? combinations[racing[activity.row] ?? -1] : undefined;
  const round = activity.round === undefined ? '' : ` · round ${activity.round}`;
  const what = activity.row === 'reference' ? ' the reference' : '';
  return [`fork ${fork}${round} · ${activity.phase}${what}`, combination];
}
