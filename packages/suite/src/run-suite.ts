import { messageOf, sequential, type Backend, type GeneratedInput } from '@parabench/core';
import { measureCapacity, type CapacityMeasurement } from './capacity.js';
import type { LoadedWorkload } from './catalog.js';
import { planMatrix, planSweep, type Combination } from './plan.js';
import { emptyRow, errorCode, measureCombination } from './measure.js';
import type { SuiteOptions } from './options.js';
import type { RowResult } from './results.js';

export interface WorkloadRun {
  workload: string;
  description: string;
  items: number;
  /** The workload's `reduce` of the reference results (a total, the list of matches), if it has one. */
  reduced: unknown;
  /** Set when the rows are a sweep over one backend rather than the matrix. */
  sweep: 'chunk-size' | undefined;
  rows: RowResult[];
}

export interface SuiteHooks {
  /** Called before each combination, for progress output. */
  onStart?(label: string, done: number, total: number): void;
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
  for (const run of runs) rate(run, before, after);
  return { runs, capacity: { before, after } };
}

async function runMatrix(
  workloads: readonly LoadedWorkload[],
  backends: readonly Backend[],
  options: SuiteOptions,
  hooks: SuiteHooks,
): Promise<WorkloadRun[]> {
  const sweep = options.sweep === 'chunk-size';
  const sweptBackend = backends.find((backend) => backend.name !== sequential.name);
  const plan = (items: number): Combination[] =>
    sweep && sweptBackend !== undefined ? planSweep(sweptBackend, items, options.workers) : planMatrix(backends, options);
  let total = sweep ? 0 : workloads.length * plan(0).length;
  let done = 0;
  const runs: WorkloadRun[] = [];
  for (const { workload, url } of workloads) {
    const input: GeneratedInput<unknown, unknown> = workload.generate({ size: options.size, seed: options.seed });
    const combinations = plan(input.items.length);
    if (sweep) total += combinations.length;
    const request = { workload: url, items: input.items, context: input.context };
    const run: WorkloadRun = {
      workload: workload.name,
      description: workload.description,
      items: input.items.length,
      reduced: undefined,
      sweep: sweep ? 'chunk-size' : undefined,
      rows: [],
    };
    runs.push(run);
    let reference: unknown[];
    try {
      reference = await referenceResults(request);
    } catch (error) {
      // Without a reference nothing can be checked: report it once and go on to the next workload.
      const row = failedRow(workload.name, error);
      run.rows.push(row);
      done += combinations.length;
      hooks.onRow?.(row, done, total);
      continue;
    }
    run.reduced = workload.reduce?.(reference, input.items);
    for (const { backend, workers, chunkSize } of combinations) {
      hooks.onStart?.(`${workload.name} · ${backend.name} × ${workers}${sweep ? ` (chunk ${chunkSize})` : ''}`, done, total);
      const row = await measureCombination({
        backend,
        workers,
        chunkSize,
        workloadName: workload.name,
        request,
        reference,
        time: options.time,
        iterations: options.iterations,
        timeout: options.timeout,
        gc: options.gc,
      });
      run.rows.push(row);
      hooks.onRow?.(row, ++done, total);
    }
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

/** Speed-up over the reference, then efficiency and per-item overhead against the mean of the two capacity measurements. */
function rate(run: WorkloadRun, before: CapacityMeasurement, after: CapacityMeasurement): void {
  const baseline = run.rows.find((row) => row.backend === sequential.name)?.meanMs ?? null;
  for (const row of run.rows) {
    const capacity = ((before.byWorkers[row.workers] ?? 1) + (after.byWorkers[row.workers] ?? 1)) / 2;
    row.speedup = baseline !== null && row.meanMs !== null && row.meanMs > 0 ? baseline / row.meanMs : null;
    row.efficiency = row.speedup === null ? null : row.speedup / capacity;
    if (baseline === null || row.meanMs === null || run.items === 0) continue;
    const ideal = row.runsOn === 'main-thread' ? baseline : baseline / capacity;
    row.overheadPerItemUs = ((row.meanMs - ideal) / run.items) * 1000;
  }
}
