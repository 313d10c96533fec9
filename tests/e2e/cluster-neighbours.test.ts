import { describe, expect, it } from 'vitest';
import cluster from '@parabench/backend-cluster';
import poolifierCluster from '@parabench/backend-poolifier-cluster';
import type { Executor } from '@parabench/core';

const faults = new URL('../../packages/core/dist/conformance/fixtures/faults.js', import.meta.url).href;
const sumRange = new URL('../../packages/workloads/dist/workloads/sum-range.js', import.meta.url).href;
const items = [10, 20, 30, 40, 50];
const sums = items.map((n) => (n * (n - 1)) / 2);

/**
 * `cluster.setupPrimary()` is process-wide and both cluster backends fork through it. Each must
 * fork its own worker script whatever the other did last: a wrong script would never answer, and
 * start() or the map would fail instead of returning the sums.
 */
describe('the cluster and poolifier-cluster backends in one process', () => {
  it('each forks its own children, in either order, after a crash and a replaced pool too', async () => {
    const executors: Executor[] = [];
    const start = async (backend: typeof cluster): Promise<Executor> => {
      const executor = await backend.start({ workers: 2 });
      executors.push(executor);
      return executor;
    };
    try {
      const first = await start(cluster);
      const pooled = await start(poolifierCluster);
      const second = await start(cluster);
      for (const executor of [first, pooled, second]) await expect(executor.map({ workloadUrl: sumRange, items, context: null })).resolves.toEqual(sums);

      // A child that dies makes poolifier-cluster build a new pool, which forks again, after the cluster backend's forks.
      const crash = { fault: 'exit', at: 2, testPid: process.pid };
      await expect(pooled.map({ workloadUrl: faults, items: [0, 1, 2, 3], context: crash })).rejects.toMatchObject({
        code: 'PARABENCH_WORKER_EXITED',
        backend: 'poolifier-cluster',
        index: 2,
      });
      const third = await start(cluster);
      for (const executor of [pooled, first, third]) await expect(executor.map({ workloadUrl: sumRange, items, context: null })).resolves.toEqual(sums);
    } finally {
      await Promise.all(executors.map((executor) => executor.close()));
    }
  });
});
