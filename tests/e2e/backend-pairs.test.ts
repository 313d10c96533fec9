import { afterAll, describe, expect, it } from 'vitest';
import { missingNeeds, type Backend } from '@parabench/core';
import { setTimeout as sleep } from 'node:timers/promises';
import { childPids } from '@parabench/core/conformance';
import { loadCatalog } from '@parabench/suite';
import { repoRoot } from '../helpers/cli.js';

const sumRange = new URL('../../packages/workloads/dist/workloads/sum-range.js', import.meta.url).href;
const items = [10, 20, 30, 40, 50, 60, 70, 80];
const sums = items.map((n) => (n * (n - 1)) / 2);
const request = { workloadUrl: sumRange, workloadName: 'sum-range', items, context: null };

// Every backend the workspace declares that can run here (no list to keep).
const catalog = await loadCatalog([repoRoot]);
const backends: Backend[] = [...catalog.backends.values()].map(({ backend }) => backend).filter((backend) => missingNeeds(backend) === undefined);
const pairs = backends.flatMap((first) => backends.filter((second) => second !== first).map((second) => [first, second] as const));

/**
 * In one fork of a run, a workload's executors start one after another in one process and live
 * together, and each closes while others still run. Every ordered pair must manage that: the
 * first one's shutdown, finishing in the background, must not fork or listen for the second's
 * children (poolifier-cluster once did: its pool replaced the workers it was being closed with,
 * by forking the cluster backend's script, and threw on its first message).
 */
describe('every ordered pair of backends in one process', () => {
  afterAll(async () => {
    for (let waited = 0; childPids().length > 0 && waited < 10_000; waited += 100) await sleep(100);
    expect(childPids(), 'child processes left behind').toEqual([]);
  });

  it.each(pairs.map(([first, second]) => [first.name, second.name, first, second] as const))(
    '%s, then %s beside it, then the first closed under it',
    async (_first, _second, first, second) => {
      const a = await first.start({ workers: 2 });
      let b: Awaited<ReturnType<Backend['start']>> | undefined;
      try {
        await expect(a.map(request)).resolves.toEqual(sums);
        b = await second.start({ workers: 2 });
        await expect(b.map(request)).resolves.toEqual(sums);
        await a.close();
        await expect(b.map(request)).resolves.toEqual(sums);
      } finally {
        await a.close();
        await b?.close();
      }
    },
  );
});
