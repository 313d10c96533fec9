import { expect, it } from 'vitest';
import { supports } from '../backend.js';
import { compareResults } from '../compare.js';
import { ErrorCode } from '../errors.js';
import { loadWorkload } from '../loader.js';
import sequential from '../sequential.js';
import { echoed, echoRequest, fixtures, range, type ConformanceContext } from './context.js';
import { canCountThreads, childPids, eventually, threadCount } from './processes.js';

/** Results, edge-case sizes, ordering, repeated and concurrent maps, context isolation, close. */
export function resultCases(ctx: ConformanceContext, workloadUrls: readonly string[]): void {
  it('has workloads to check against the reference (install @parabench/workloads, or pass `workloads`)', () => {
    expect(workloadUrls.length).toBeGreaterThan(0);
  });

  for (const url of workloadUrls) {
    it(`matches the sequential reference on ${url.replace(/^.*\//, '')} at quick size`, async () => {
      const workload = await loadWorkload(url);
      const { items, context } = workload.generate({ size: 'quick', seed: 7 });
      const reference = await (await sequential.start({ workers: 1 })).map({ workloadUrl: url, items, context });
      const executor = await ctx.start();
      expect(compareResults(reference, await executor.map({ workloadUrl: url, items, context }))).toBeUndefined();
    });
  }

  it.each([
    ['no items', 0, undefined],
    ['one item', 1, undefined],
    ['fewer items than workers', 2, 4],
    ['one worker', 9, 1],
    ['many more workers than items', 3, 8],
  ])('maps %s', async (_, count, workers) => {
    const executor = await ctx.start(workers);
    await expect(executor.map(echoRequest(range(count)))).resolves.toEqual(echoed(range(count)));
  });

  it('carries numbers exactly (-0, NaN, ±Infinity, subnormals), in runs of numbers only and runs mixed with other values', async () => {
    const special = [-0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 5e-324, 2 ** 53 + 2, 0.1, -7];
    // Long all-number runs (which transports may pack), then numbers mixed with other values from mid-chunk on.
    const other = (i: number): unknown => (i % 2 === 0 ? `text ${i}` : { i });
    const items = Array.from({ length: 4_100 }, (_, i) => (i >= 3_100 && i % 3 === 0 ? other(i) : (special[i % 8] as number) * (i < 8 ? 1 : i)));
    const executor = await ctx.start();
    const results = await executor.map({ workloadUrl: fixtures.identity, items, context: null });
    expect(results).toHaveLength(items.length);
    const wrong = results.findIndex((result, i) =>
      typeof result === 'number' ? !Object.is(result, items[i]) : JSON.stringify(result) !== JSON.stringify(items[i]),
    );
    expect(wrong).toBe(-1);
  });

  it('keeps input order when items take very different times', async () => {
    const executor = await ctx.start();
    const values = range(12);
    await expect(executor.map(echoRequest(values, null, (v) => (12 - v) * 4))).resolves.toEqual(echoed(values));
  });

  // Shared memory reaches threads, not processes: there the counters could not be shared.
  it.skipIf((ctx.backend.runsOn ?? 'main-thread') === 'processes')('never has more items in progress at once than it has workers', async () => {
    const workers = supports(ctx.backend, 'workers') ? 3 : 1;
    const executor = await ctx.start(workers);
    const counters = new Int32Array(new SharedArrayBuffer(8));
    await expect(executor.map({ workloadUrl: fixtures.concurrency, items: range(24), context: { counters } })).resolves.toEqual(range(24));
    expect(Atomics.load(counters, 1)).toBeGreaterThanOrEqual(1);
    expect(Atomics.load(counters, 1)).toBeLessThanOrEqual(workers);
  });

  it("serves two maps in a row, without leaking one map's context into the next", async () => {
    const executor = await ctx.start();
    await expect(executor.map(echoRequest(range(6), { tag: 'first' }))).resolves.toEqual(echoed(range(6), { tag: 'first' }));
    await expect(executor.map(echoRequest(range(6), { tag: 'second' }))).resolves.toEqual(echoed(range(6), { tag: 'second' }));
    await expect(executor.map(echoRequest(range(6), undefined))).resolves.toEqual(echoed(range(6), undefined));
  });

  it(
    supports(ctx.backend, 'concurrentMaps')
      ? 'runs two maps at once (declares concurrentMaps)'
      : 'refuses a second concurrent map with PARABENCH_EXECUTOR_BUSY',
    async () => {
      const executor = await ctx.start();
      const first = executor.map(echoRequest(range(4), 'a', () => 20));
      const second = executor.map(echoRequest(range(4), 'b'));
      if (supports(ctx.backend, 'concurrentMaps')) {
        await expect(second).resolves.toEqual(echoed(range(4), 'b'));
      } else {
        await expect(second).rejects.toMatchObject({ code: ErrorCode.ExecutorBusy, backend: ctx.backend.name });
      }
      await expect(first).resolves.toEqual(echoed(range(4), 'a'));
    },
  );

  it.skipIf(!supports(ctx.backend, 'concurrentMaps'))('runs 100 maps at once with different inputs: every result right, none lost or mixed', async () => {
    const warm = await ctx.start(); // threads Node starts lazily, and keeps, belong in the baseline
    await warm.map(echoRequest(range(4)));
    await warm.close();
    const threads = canCountThreads ? threadCount() : 0;
    const children = canCountThreads ? childPids().length : 0;
    const executor = await ctx.start();
    const maps = Array.from({ length: 100 }, (_, map) => {
      const values = range(1 + (map % 7)).map((i) => map * 100 + i);
      return { values, context: { map }, promise: executor.map(echoRequest(values, { map }, (value) => value % 3)) };
    });
    const settled = await Promise.allSettled(maps.map((m) => m.promise));
    for (const [map, outcome] of settled.entries()) expect(outcome).toEqual({ status: 'fulfilled', value: echoed(maps[map]?.values ?? [], { map }) });
    await executor.close();
    if (canCountThreads) expect(await eventually(() => threadCount() <= threads && childPids().length <= children)).toBe(true);
  });

  it.skipIf(!supports(ctx.backend, 'transfer'))('transfers result buffers rather than copying them (declares transfer)', async () => {
    const executor = await ctx.start(1); // one worker: the probe reads what the same worker returned
    const [made] = await executor.map({ workloadUrl: fixtures.transferProbe, items: [{}], context: null });
    expect(made).toEqual(new Float64Array(1024).fill(1));
    await expect(executor.map({ workloadUrl: fixtures.transferProbe, items: [{ probe: true }], context: null })).resolves.toEqual([true]);
  });

  it.skipIf(!supports(ctx.backend, 'chunking'))('honours chunkSize and says which size it uses (declares chunking)', async () => {
    const fixed = await ctx.start(ctx.workers, { chunkSize: 3 });
    expect(fixed.chunkSizeFor?.(10)).toBe(3);
    await expect(fixed.map(echoRequest(range(10), 'fixed'))).resolves.toEqual(echoed(range(10), 'fixed'));
    const automatic = await ctx.start(ctx.workers, { chunkSize: 'auto' });
    const chosen = automatic.chunkSizeFor?.(100);
    expect(Number.isInteger(chosen) && (chosen as number) >= 1 && (chosen as number) <= 100).toBe(true);
    await expect(automatic.map(echoRequest(range(100), 'auto'))).resolves.toEqual(echoed(range(100), 'auto'));
    const threads = canCountThreads ? threadCount() : 0;
    const children = canCountThreads ? childPids().length : 0;
    await expect(ctx.start(ctx.workers, { chunkSize: 0 })).rejects.toMatchObject({ code: ErrorCode.InvalidOptions });
    // A refused start leaves no thread or process of its own behind.
    if (canCountThreads) expect(await eventually(() => threadCount() <= threads && childPids().length <= children)).toBe(true);
  });

  it('can be closed twice, and rejects a map after close with PARABENCH_EXECUTOR_CLOSED', async () => {
    const executor = await ctx.start();
    await executor.map(echoRequest(range(2)));
    await executor.close();
    await executor.close();
    await expect(executor.map(echoRequest(range(2)))).rejects.toMatchObject({ code: ErrorCode.ExecutorClosed, backend: ctx.backend.name });
  });
}
