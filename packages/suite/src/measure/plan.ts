import { sequential, supports, type Backend } from '@parabench/core';
import type { LoadedWorkload, PlannedNames, SuiteOptions } from '../model/index.js';

/** One row to measure. */
export interface Combination {
  backend: Backend;
  workers: number;
  /** For backends that declare `chunking`. */
  chunkSize: number | 'auto';
}

/** The reference is always first, whatever `--backends` says; other backends follow in the order given. */
export function planBackends(selected: readonly Backend[]): Backend[] {
  return [sequential, ...selected.filter((b) => b.name !== sequential.name)];
}

/** Worker counts a backend runs at: all of them, or only 1 when worker count means nothing to it. */
export function workerCountsFor(backend: Backend, workers: readonly number[]): number[] {
  return supports(backend, 'workers') ? [...workers] : [1];
}

/** The matrix: every backend at every worker count it honours. */
export function planMatrix(backends: readonly Backend[], options: Pick<SuiteOptions, 'workers' | 'chunkSize'>): Combination[] {
  return backends.flatMap((backend) => workerCountsFor(backend, options.workers).map((workers) => ({ backend, workers, chunkSize: options.chunkSize })));
}

/** Most messages one map of the sweep may send: chunk sizes that would send more are left out. */
export const SWEEP_MAX_MESSAGES = 100_000;

/**
 * The chunk-size sweep: the reference, then one backend at the largest worker count over chunk
 * sizes 1, 4, 16 … up to one chunk per worker, then `auto`. Sizes that would need more than
 * {@link SWEEP_MAX_MESSAGES} messages per map are skipped (use `--size quick` to see them).
 */
export function planSweep(backend: Backend, items: number, workers: readonly number[]): Combination[] {
  const count = Math.max(...workers);
  const largest = Math.max(1, Math.ceil(items / count));
  const sizes: number[] = [];
  for (let size = 1; size < largest * 4; size *= 4) {
    if (Math.ceil(items / size) <= SWEEP_MAX_MESSAGES) sizes.push(Math.min(size, largest));
  }
  return [
    { backend: sequential, workers: 1, chunkSize: 'auto' },
    ...[...new Set(sizes)].map((chunkSize) => ({ backend, workers: count, chunkSize })),
    { backend, workers: count, chunkSize: 'auto' },
  ];
}

/**
 * Splits a workload's plan into batches whose executors can all be alive at once: at most
 * `maxLiveWorkers` threads or processes together (backends on the main thread count none). Each
 * batch has rounds of its own with the reference, so rows of different batches are never paired
 * with each other; a combination larger than the limit runs alone.
 */
export function batchByLiveWorkers(plan: readonly Combination[], maxLiveWorkers: number): Combination[][] {
  const batches: Combination[][] = [];
  let current: Combination[] = [];
  let live = 0;
  for (const combination of plan) {
    const workers = (combination.backend.runsOn ?? 'main-thread') === 'main-thread' ? 0 : combination.workers;
    if (current.length > 0 && workers > 0 && live + workers > maxLiveWorkers) {
      batches.push(current);
      current = [];
      live = 0;
    }
    current.push(combination);
    live += workers;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** The names of what a run measures: the reference first among the backends, whether or not it was given. */
export function plannedNames(workloads: readonly LoadedWorkload[], backends: readonly Backend[]): PlannedNames {
  return { workloads: workloads.map((loaded) => loaded.definition.name), backends: planBackends(backends).map((backend) => backend.name) };
}
