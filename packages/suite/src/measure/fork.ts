import { performance } from 'node:perf_hooks';
import { createRandom, messageOf, ReferenceFailedError, sequential, type Backend, type GeneratedInput, type Workload } from '@parabench/core';
import { startCapacityProbe, type CapacityProbe } from './capacity.js';
import { startContender, type Contender, type ContenderContext } from './contender.js';
import type { Activity, ActivityRow, ForkSnapshot, ForkSpec } from './fork-protocol.js';
import { batchByLiveWorkers, type Combination } from './plan.js';
import { runRounds } from './rounds.js';
import { failedRow, newRow } from './row.js';
import { warmUp } from './warm-up.js';

/** What a fork tells as it goes. */
export interface ForkListener {
  activity(activity: Activity): void;
  snapshot(snapshot: ForkSnapshot): void;
}

/** The modules a fork measures, loaded. */
export interface ForkModules {
  workload: Workload;
  backends: ReadonlyMap<string, Backend>;
}

/**
 * One fork: generate the input, start the reference and the spec's combinations (timing start-up
 * and one cold map each), warm them up, and time them in the spec's rounds with a capacity probe
 * in each. It runs in whatever process calls it; the suite calls it in a fresh one. A failing
 * combination fails its row only; the snapshot after each round holds everything so far.
 */
export async function measureFork(spec: ForkSpec, modules: ForkModules, listener: ForkListener): Promise<ForkSnapshot> {
  const combinations = spec.combinations.map(({ backend, workers, chunkSize }): Combination => {
    const found = modules.backends.get(backend);
    if (found === undefined) throw new Error(`the fork was given no backend "${backend}"`);
    return { backend: found, workers, chunkSize };
  });
  const workload = spec.workload.name;
  const reference: Combination = { backend: sequential, workers: 1, chunkSize: 'auto' };
  listener.activity({ phase: 'generate' });
  let input: GeneratedInput<unknown, unknown>;
  try {
    input = modules.workload.generate({ size: spec.settings.size, seed: spec.settings.seed });
  } catch (error) {
    const why = new ReferenceFailedError(`generate() threw: ${messageOf(error)}`, { workload, cause: error });
    const failed: ForkSnapshot = {
      items: 0,
      reduced: undefined,
      reference: failedRow(workload, reference, why),
      rows: combinations.map((c) => failedRow(workload, c, why)),
      capacity: [],
      roundsMs: 0,
    };
    listener.snapshot(failed);
    return failed;
  }
  const context: ContenderContext = {
    workload,
    request: { workloadUrl: spec.workload.url, workloadName: workload, items: input.items, context: input.context },
    timeout: spec.settings.timeout,
    gc: spec.settings.gc,
    maxMemoryMb: spec.settings.maxMemory,
  };
  const phases = (row: ActivityRow) => (phase: 'start' | 'cold map') => listener.activity({ phase, row });
  const { contender: ref, result: expected } = await startContender(reference, context, undefined, phases('reference'));
  const snapshot: ForkSnapshot = { items: input.items.length, reduced: undefined, reference: ref.row, rows: [], capacity: [], roundsMs: 0 };
  const probe = await startCapacityProbe(spec.settings.probeWorkers);
  try {
    if (expected === undefined) {
      const error = ref.row.error ?? { code: 'PARABENCH_BACKEND_FAILED', message: 'no result' };
      const why = new ReferenceFailedError(`the sequential reference failed: [${error.code}] ${error.message}`, { workload });
      snapshot.rows = combinations.map((c) => failedRow(workload, c, why));
      return snapshot;
    }
    snapshot.reduced = reduceSafely(modules.workload, expected, input.items);
    snapshot.rows = combinations.map((c) => newRow(workload, c));
    await measureBatches(combinations, { spec, ref, expected, context, probe, listener, snapshot, phases });
  } finally {
    listener.activity({ phase: 'close', row: 'reference' });
    await Promise.all([ref.close(), probe.close()]);
    listener.snapshot(snapshot);
  }
  return snapshot;
}

interface BatchRun {
  spec: ForkSpec;
  ref: Contender;
  expected: readonly unknown[];
  context: ContenderContext;
  probe: CapacityProbe;
  listener: ForkListener;
  snapshot: ForkSnapshot;
  phases: (row: ActivityRow) => (phase: 'start' | 'cold map') => void;
}

/** Each batch of combinations that can be alive at once: started, warmed up, timed in rounds with the reference, closed. */
async function measureBatches(combinations: readonly Combination[], run: BatchRun): Promise<void> {
  const { spec, ref, expected, context, probe, listener, snapshot, phases } = run;
  const random = createRandom(spec.settings.seed * 1_000 + spec.fork);
  const indexOf = new Map(combinations.map((combination, i) => [combination, i]));
  let firstRound = spec.firstRound;
  for (const batch of batchByLiveWorkers(combinations, spec.settings.maxLiveWorkers)) {
    const contenders: Contender[] = [];
    const rowOf = new Map<Contender, ActivityRow>([[ref, 'reference']]);
    try {
      for (const combination of batch) {
        const index = indexOf.get(combination) ?? 0;
        const { contender } = await startContender(combination, context, expected, phases(index));
        contenders.push(contender);
        rowOf.set(contender, index);
        snapshot.rows[index] = contender.row;
      }
      listener.snapshot(snapshot);
      await warmUp([ref, ...contenders], expected, spec.settings.warmup, undefined, (contender) =>
        listener.activity({ phase: 'warm-up', row: rowOf.get(contender) ?? 'reference' }),
      );
      const roundsStarted = performance.now();
      const rounds = await runRounds(ref, contenders, expected, {
        rounds: spec.rounds,
        fork: spec.fork,
        slotMs: spec.settings.slot,
        random,
        probe,
        firstRound,
        onSlot: (round, contender) =>
          listener.activity(contender === undefined ? { phase: 'probe', round } : { phase: 'slot', round, row: rowOf.get(contender) ?? 'reference' }),
        onRound: () => listener.snapshot({ ...snapshot, roundsMs: snapshot.roundsMs + performance.now() - roundsStarted }),
      });
      snapshot.capacity.push(...rounds.capacity);
      snapshot.roundsMs += performance.now() - roundsStarted;
      firstRound = rounds.nextRound;
    } finally {
      for (const contender of contenders) {
        listener.activity({ phase: 'close', row: rowOf.get(contender) ?? 'reference' });
        await contender.close();
      }
    }
  }
}

/** The workload's `reduce` of the results, as a value that survives JSON: what the reports print. */
function reduceSafely(workload: Workload, expected: unknown[], items: GeneratedInput<unknown, unknown>['items']): unknown {
  let reduced: unknown;
  try {
    reduced = workload.reduce?.(expected, items);
  } catch (error) {
    return `reduce() failed: ${messageOf(error)}`;
  }
  try {
    return reduced === undefined ? undefined : JSON.parse(JSON.stringify(reduced));
  } catch {
    return String(reduced);
  }
}
