import { performance } from 'node:perf_hooks';
import { inspect } from 'node:util';
import {
  AbortedError,
  compareResults,
  ErrorCode,
  messageOf,
  OutOfMemoryError,
  settleOnAbort,
  supports,
  type Difference,
  type Executor,
  type MapRequest,
} from '@parabench/core';
import type { Combination } from './plan.js';
import { createMeter, descendants, type ResourceMeter } from './resources.js';
import type { RowMeasurement } from './results.js';

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
  /** Records the first difference from the reference, if any; true when the result agrees. */
  check(result: unknown[], reference: readonly unknown[]): boolean;
  close(): Promise<void>;
}

/**
 * Starts one combination's executor (timed), then maps once cold (timed: every worker's JIT
 * starts empty). Never throws: a failure is recorded on the row, which then sits out the rounds.
 * With no reference yet (the reference row itself) the cold map's result is returned to become it.
 */
export async function startContender(
  combo: Combination,
  context: ContenderContext,
  reference?: readonly unknown[],
): Promise<{ contender: Contender; result?: unknown[] }> {
  const { backend, workers } = combo;
  const chunking = supports(backend, 'chunking');
  const row: RowMeasurement = {
    workload: context.workload,
    backend: backend.name,
    runsOn: backend.runsOn ?? 'main-thread',
    workers,
    chunkSize: chunking ? combo.chunkSize : null,
    startupMs: null,
    firstMapMs: null,
    samples: [],
    stopped: 'precise',
  };
  let executor: Executor | undefined;
  let meter = createMeter([]);
  const limitMb = supports(backend, 'memoryLimit') ? context.maxMemoryMb : undefined;
  const map = (): Promise<unknown[]> => mapWithin(executor as Executor, context, backend.name);
  const contender: Contender = {
    row,
    get meter() {
      return meter;
    },
    // Only a backend under a heap limit can run out of it: the others' timed calls stay bare.
    map: limitMb === undefined ? map : () => map().catch((error: unknown) => Promise.reject(withLimit(error, limitMb))),
    async prepare() {
      if (context.gc !== true) return;
      (globalThis as { gc?: () => void }).gc?.(); // the CLI runs with --expose-gc when --gc is given
      await executor?.collectGarbage?.();
    },
    check(result, expected) {
      if (row.mismatch !== undefined) return false;
      const difference = compareResults(expected, result);
      if (difference === undefined) return true;
      row.mismatch = describeDifference(difference);
      row.stopped = 'failed';
      return false;
    },
    close: async () => void (await executor?.close().catch(() => undefined)),
  };
  try {
    const before = row.runsOn === 'processes' ? descendants() : new Set<number>();
    const started = performance.now();
    executor = await backend.start({
      workers,
      ...(chunking ? { chunkSize: combo.chunkSize } : {}),
      ...(limitMb === undefined ? {} : { maxMemoryMb: limitMb }),
    });
    row.startupMs = performance.now() - started;
    const chosen = chunking ? executor.chunkSizeFor?.(context.request.items.length) : undefined;
    if (chosen !== undefined) {
      row.chunkSizeAuto = combo.chunkSize === 'auto';
      row.chunkSize = chosen;
    }
    if (row.runsOn === 'processes') meter = createMeter([...descendants()].filter((pid) => !before.has(pid)));
    const firstStarted = performance.now();
    const first = await contender.map();
    row.firstMapMs = performance.now() - firstStarted;
    if (reference === undefined) return { contender, result: first };
    contender.check(first, reference);
  } catch (error) {
    fail(row, error);
  }
  return { contender };
}

/** Records an error on the row: it stops sampling, and the report says what failed. */
export function fail(row: RowMeasurement, error: unknown): void {
  const code = (error as { code?: unknown } | null)?.code;
  row.error = { code: typeof code === 'string' ? code : ErrorCode.BackendFailed, message: messageOf(error) };
  row.stopped = 'failed';
}

/**
 * One `map`, abandoned after `context.timeout` ms. The signal lets backends that declare `abort`
 * terminate stuck workers; the race ends the wait even for those that cannot.
 */
async function mapWithin(executor: Executor, context: ContenderContext, backend: string): Promise<unknown[]> {
  if (context.timeout === undefined) return executor.map(context.request);
  const signal = AbortSignal.timeout(context.timeout);
  const timeoutError = (): AbortedError =>
    new AbortedError({ backend, workload: context.workload, cause: new Error(`--timeout: no result after ${context.timeout} ms`) });
  const mapped = executor.map({ ...context.request, signal }).catch((error: unknown) => {
    throw signal.aborted ? timeoutError() : error;
  });
  return settleOnAbort(mapped, signal, timeoutError);
}

/** An out-of-memory error, saying which limit was reached and how to raise it. */
function withLimit(error: unknown, maxMemoryMb: number): unknown {
  if ((error as { code?: unknown } | null)?.code !== ErrorCode.OutOfMemory) return error;
  const { backend, workload, index, detail, cause } = error as OutOfMemoryError;
  return new OutOfMemoryError(`${detail}; each worker may use ${maxMemoryMb} MiB of heap (raise it with --max-memory)`, { backend, workload, index, cause });
}

function describeDifference(difference: Difference): NonNullable<RowMeasurement['mismatch']> {
  const show = (value: unknown): string => inspect(value, { depth: 3, breakLength: Infinity, maxArrayLength: 10 });
  return {
    index: difference.index ?? null,
    path: difference.path,
    expected: show(difference.expected),
    actual: show(difference.actual),
    reason: difference.reason,
  };
}
