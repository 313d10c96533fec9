import { performance } from 'node:perf_hooks';
import { inspect } from 'node:util';
import { Bench } from 'tinybench';
import { AbortedError, compareResults, ErrorCode, messageOf, supports, type Backend, type Difference, type Executor, type MapRequest } from '@parabench/core';
import { UNSTABLE_RME, type RowResult } from './results.js';

export interface MeasuredCombination {
  backend: Backend;
  workers: number;
  workloadName: string;
  request: MapRequest;
  reference: readonly unknown[];
  time: number;
  iterations: number;
  /** Per `map`, in ms. */
  timeout?: number | undefined;
  /** Passed to backends that declare `chunking`. */
  chunkSize?: number | 'auto' | undefined;
  /** Collect garbage before every sample, in the main thread and in the workers. */
  gc?: boolean | undefined;
}

/**
 * Runs one combination: start the executor (timed), one cold `map` (timed, and the warm-up),
 * then tinybench over further `map` calls, each result checked against the reference
 * outside the timed call. Always closes the executor; never throws.
 */
export async function measureCombination(combo: MeasuredCombination): Promise<RowResult> {
  const row = emptyRow(combo.workloadName, combo.backend, combo.workers);
  let executor: Executor | undefined;
  try {
    const started = performance.now();
    const chunking = supports(combo.backend, 'chunking');
    row.chunkSize = chunking ? (combo.chunkSize ?? 'auto') : null;
    executor = await combo.backend.start({ workers: combo.workers, ...(chunking ? { chunkSize: combo.chunkSize } : {}) });
    row.startupMs = performance.now() - started;

    const ready = executor;
    const map = (): Promise<unknown[]> => mapWithin(ready, combo);
    const firstStarted = performance.now();
    const first = await map();
    row.firstMapMs = performance.now() - firstStarted;
    let difference = compareResults(combo.reference, first);

    let latest: unknown[] = [];
    // The cold first map above reached every worker once; a short tinybench warm-up lets their JIT settle too.
    const bench = new Bench({
      time: combo.time,
      iterations: combo.iterations,
      warmup: true,
      warmupIterations: 2,
      warmupTime: Math.min(combo.time / 4, 500),
      throws: true,
    });
    bench.add(
      `${combo.backend.name}×${combo.workers}`,
      async () => {
        latest = await map();
      },
      {
        async: true,
        beforeEach: combo.gc === true ? () => collectEverywhere(ready) : undefined,
        afterEach: () => void (difference ??= compareResults(combo.reference, latest)),
      },
    );
    await bench.run();
    const result = bench.tasks[0]?.result;
    if (result?.state === 'errored') throw result.error;
    if (result !== undefined && 'latency' in result) {
      row.meanMs = result.latency.mean;
      row.rme = result.latency.rme;
      row.unstable = result.latency.rme > UNSTABLE_RME;
      row.p50Ms = result.latency.p50;
      row.p99Ms = result.latency.p99;
      row.samples = result.latency.samplesCount;
    }
    if (difference !== undefined) Object.assign(row, { status: 'mismatch', mismatch: describeDifference(difference) });
  } catch (error) {
    row.status = 'error';
    row.error = { code: errorCode(error), message: messageOf(error) };
  } finally {
    await executor?.close().catch(() => undefined);
  }
  return row;
}

/**
 * One `map`, abandoned after `combo.timeout` ms. The signal lets backends that declare `abort`
 * terminate stuck workers; the race ends the wait even for those that cannot.
 */
async function mapWithin(executor: Executor, combo: MeasuredCombination): Promise<unknown[]> {
  if (combo.timeout === undefined) return executor.map(combo.request);
  const signal = AbortSignal.timeout(combo.timeout);
  const timedOut = new Promise<never>((_, reject) =>
    signal.addEventListener('abort', () => reject(timeoutError(combo)), { once: true }),
  );
  return Promise.race([executor.map({ ...combo.request, signal }).catch((error: unknown) => {
    throw signal.aborted ? timeoutError(combo) : error;
  }), timedOut]);
}

function timeoutError(combo: MeasuredCombination): AbortedError {
  return new AbortedError({
    backend: combo.backend.name,
    workload: combo.workloadName,
    cause: new Error(`--timeout: no result after ${combo.timeout} ms`),
  });
}

async function collectEverywhere(executor: Executor): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  await executor.collectGarbage?.();
}

/** A row with nothing measured yet. */
export function emptyRow(workload: string, backend: Backend, workers: number): RowResult {
  return {
    workload,
    backend: backend.name,
    runsOn: backend.runsOn ?? 'main-thread',
    workers,
    status: 'ok',
    meanMs: null,
    rme: null,
    unstable: false,
    p50Ms: null,
    p99Ms: null,
    samples: 0,
    speedup: null,
    efficiency: null,
    overheadPerItemUs: null,
    chunkSize: null,
    startupMs: null,
    firstMapMs: null,
  };
}

function describeDifference(difference: Difference): NonNullable<RowResult['mismatch']> {
  const show = (value: unknown): string => inspect(value, { depth: 3, breakLength: Infinity, maxArrayLength: 10 });
  return {
    index: difference.index ?? null,
    path: difference.path,
    expected: show(difference.expected),
    actual: show(difference.actual),
    reason: difference.reason,
  };
}

export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : ErrorCode.BackendFailed;
}
