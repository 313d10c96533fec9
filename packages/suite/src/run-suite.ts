import { messageOf, sequential, supports, type Backend, type GeneratedInput } from '@parabench/core';
import { measureCapacity, type CapacityMeasurement } from './capacity.js';
import type { LoadedBackend, LoadedWorkload } from './catalog.js';
import { emptyRow, errorCode, measureCombination } from './measure.js';
import type { SuiteOptions } from './options.js';
import type { RowResult } from './results.js';

export interface WorkloadRun {
  workload: string;
  description: string;
  items: number;
  /** The workload's `reduce` of the reference results (a total, the list of matches), if it has one. */
  reduced: unknown;
  rows: RowResult[];
}

export interface SuiteHooks {
  /** Called after each combination, for progress output. */
  onRow?(row: RowResult, done: number, total: number): void;
  /** Called after each capacity measurement. */
  onCapacity?(measurement: CapacityMeasurement, when: 'before' | 'after'): void;
}

export interface SuiteResult {
  runs: WorkloadRun[];
  /** Measured before the matrix and again after it: the ceiling every speed-up is read against. */
  capacity: { before: CapacityMeasurement; after: CapacityMeasurement };
}

/** The reference is always first, whatever `--backends` says; other backends follow in the order given. */
export function planBackends(selected: readonly LoadedBackend[]): Backend[] {
  return [sequential, ...selected.map((s) => s.backend).filter((b) => b.name !== sequential.name)];
}

/** Worker counts a backend runs at: all of them, or only 1 when worker count means nothing to it. */
export function workerCountsFor(backend: Backend, workers: readonly number[]): number[] {
  return supports(backend, 'workers') ? [...workers] : [1];
}

/**
 * Measures the machine's capacity, runs every workload × backend × worker count (a failing
 * combination never stops the rest), measures the capacity again, and rates each row against it.
 */
export async function runSuite(
  workloads: readonly LoadedWorkload[],
  backends: readonly Backend[],
  options: SuiteOptions,
  hooks: SuiteHooks = {},
): Promise<SuiteResult> {
  const before = await measureCapacity(options.workers);
  hooks.onCapacity?.(before, 'before');
  const runs = await runMatrix(workloads, backends, options, hooks);
  const after = await measureCapacity(options.workers);
  hooks.onCapacity?.(after, 'after');
  for (const row of runs.flatMap((run) => run.rows)) {
    const capacity = ((before.byWorkers[row.workers] ?? 1) + (after.byWorkers[row.workers] ?? 1)) / 2;
    row.efficiency = row.speedup === null ? null : row.speedup / capacity;
  }
  return { runs, capacity: { before, after } };
}

async function runMatrix(
  workloads: readonly LoadedWorkload[],
  backends: readonly Backend[],
  options: SuiteOptions,
  hooks: SuiteHooks,
): Promise<WorkloadRun[]> {
  const total = workloads.length * backends.reduce((n, b) => n + workerCountsFor(b, options.workers).length, 0);
  let done = 0;
  const runs: WorkloadRun[] = [];
  for (const { workload, url } of workloads) {
    const input: GeneratedInput<unknown, unknown> = workload.generate({ size: options.size, seed: options.seed });
    const request = { workload: url, items: input.items, context: input.context };
    const run: WorkloadRun = { workload: workload.name, description: workload.description, items: input.items.length, reduced: undefined, rows: [] };
    runs.push(run);
    let reference: unknown[];
    try {
      reference = await referenceResults(request);
    } catch (error) {
      // Without a reference nothing can be checked: report it once and go on to the next workload.
      const row = failedRow(workload.name, error);
      run.rows.push(row);
      done += total / workloads.length;
      hooks.onRow?.(row, done, total);
      continue;
    }
    run.reduced = workload.reduce?.(reference, input.items);
    for (const backend of backends) {
      for (const workers of workerCountsFor(backend, options.workers)) {
        const row = await measureCombination({
          backend,
          workers,
          workloadName: workload.name,
          request,
          reference,
          time: options.time,
          iterations: options.iterations,
          timeout: options.timeout,
        });
        run.rows.push(row);
        hooks.onRow?.(row, ++done, total);
      }
    }
    addSpeedups(run.rows);
  }
  return runs;
}

async function referenceResults(request: { workload: string; items: unknown[]; context: unknown }): Promise<unknown[]> {
  const executor = await sequential.start({ workers: 1 });
  try {
    return await executor.map(request);
  } finally {
    await executor.close();
  }
}

function failedRow(workload: string, error: unknown): RowResult {
  return {
    ...emptyRow(workload, sequential, 1),
    status: 'error',
    error: { code: errorCode(error), message: `the sequential reference failed: ${messageOf(error)}` },
  };
}

function addSpeedups(rows: RowResult[]): void {
  const baseline = rows.find((row) => row.backend === sequential.name)?.meanMs ?? null;
  for (const row of rows) {
    row.speedup = baseline !== null && row.meanMs !== null && row.meanMs > 0 ? baseline / row.meanMs : null;
  }
}
