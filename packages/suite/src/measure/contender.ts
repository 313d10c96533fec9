import { performance } from 'node:perf_hooks';
import { inspect } from 'node:util';
import { compareResults, supports, type Difference, type Executor, type MapRequest } from '@parabench/core';
import type { Mismatch, RowMeasurement } from '../model/index.js';
import { mapWithin, withMemoryLimit } from './map-call.js';
import type { Combination } from './plan.js';
import { createMeter, descendants, type ResourceMeter } from './resources.js';
import { failRow, newRow } from './row.js';

/** What every contender of one workload shares. */
export interface ContenderContext {
  workload: string;
  request: MapRequest;
  /** Per `map`, in ms: abandon it after this long. */
  timeout?: number | undefined;
  /** Collect garbage before every timed map, in the main thread and in the workers. */
  gc?: boolean | undefined;
  /** Heap limit per worker, in MiB, for backends that declare `memoryLimit`. */
  maxMemoryMb?: number | undefined;
}

/** One started executor taking part in the rounds, with the row its samples go to. */
export interface Contender {
  row: RowMeasurement;
  meter: ResourceMeter;
  map(): Promise<unknown[]>;
  /** Runs before each slot, outside the timing: with `--gc`, collects garbage in the main thread and the workers. */
  prepare(): Promise<void>;
  /** Records the first difference from the expected results, if any; true when the result agrees. */
  check(result: unknown[], expected: readonly unknown[]): boolean;
  close(): Promise<void>;
}

/**
 * Starts one combination's executor (timed), then maps once cold (timed: every worker's JIT
 * starts empty). Never throws: a failure is recorded on the row, which then sits out the rounds.
 * With no expected results yet (the reference row itself) the cold map's result is returned to become them.
 */
export async function startContender(
  combination: Combination,
  context: ContenderContext,
  expected?: readonly unknown[],
  onPhase?: (phase: 'start' | 'cold map') => void,
): Promise<{ contender: Contender; result?: unknown[] }> {
  const contender = createContender(combination, context);
  try {
    onPhase?.('start');
    await startExecutor(contender, combination, context);
    onPhase?.('cold map');
    const started = performance.now();
    const first = await contender.map();
    contender.row.firstMapMs = performance.now() - started;
    if (expected === undefined) return { contender, result: first };
    contender.check(first, expected);
  } catch (error) {
    failRow(contender.row, error);
  }
  return { contender };
}

/** A contender whose executor is not started yet: {@link startExecutor} starts it. */
interface PendingContender extends Contender {
  attach(executor: Executor, meter: ResourceMeter): void;
}

function createContender(combination: Combination, context: ContenderContext): PendingContender {
  const row = newRow(context.workload, combination);
  const limitMb = supports(combination.backend, 'memoryLimit') ? context.maxMemoryMb : undefined;
  let executor: Executor | undefined;
  let meter = createMeter([]);
  const map = (): Promise<unknown[]> => {
    if (executor === undefined) return Promise.reject(new Error(`${row.backend} has not started`));
    return mapWithin(executor, context, row.backend);
  };
  return {
    row,
    get meter() {
      return meter;
    },
    attach(started, startedMeter) {
      executor = started;
      meter = startedMeter;
    },
    // Only a backend under a heap limit can run out of it: the others' timed calls stay bare.
    map: limitMb === undefined ? map : () => map().catch((error: unknown) => Promise.reject(withMemoryLimit(error, limitMb))),
    async prepare() {
      if (context.gc !== true) return;
      (globalThis as { gc?: () => void }).gc?.(); // the CLI runs with --expose-gc when --gc is given
      await executor?.collectGarbage?.();
    },
    check(result, expectedResults) {
      if (row.mismatch !== undefined) return false;
      const difference = compareResults(expectedResults, result);
      if (difference === undefined) return true;
      row.mismatch = describeDifference(difference);
      row.stopped = 'failed';
      return false;
    },
    close: async () => void (await executor?.close().catch(() => undefined)),
  };
}

/** Starts the executor (timed), records the chunk size it chose, and meters the child processes it started. */
async function startExecutor(contender: PendingContender, { backend, workers, chunkSize }: Combination, context: ContenderContext): Promise<void> {
  const { row } = contender;
  const chunking = supports(backend, 'chunking');
  const limitMb = supports(backend, 'memoryLimit') ? context.maxMemoryMb : undefined;
  const before = row.runsOn === 'processes' ? descendants() : new Set<number>();
  const started = performance.now();
  const executor = await backend.start({ workers, ...(chunking ? { chunkSize } : {}), ...(limitMb === undefined ? {} : { maxMemoryMb: limitMb }) });
  row.startupMs = performance.now() - started;
  const chosen = chunking ? executor.chunkSizeFor?.(context.request.items.length) : undefined;
  if (chosen !== undefined) {
    row.chunkSizeAuto = chunkSize === 'auto';
    row.chunkSize = chosen;
  }
  const children = row.runsOn === 'processes' ? [...descendants()].filter((pid) => !before.has(pid)) : [];
  contender.attach(executor, createMeter(children));
}

function describeDifference(difference: Difference): Mismatch {
  const show = (value: unknown): string => inspect(value, { depth: 3, breakLength: Infinity, maxArrayLength: 10 });
  return {
    index: difference.index ?? null,
    path: difference.path,
    expected: show(difference.expected),
    actual: show(difference.actual),
    reason: difference.reason,
  };
}
