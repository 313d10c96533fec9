import { expect, it } from 'vitest';
import { supports, type Executor, type MapRequest } from '../backend.js';
import { ErrorCode } from '../errors.js';
import { echoed, echoRequest, fixtures, range, type ConformanceContext } from './context.js';
import type { FaultContext } from './fixtures/faults.js';

const WORKLOAD = 'conformance-faults';
/** Enough for a worker to start and load a workload, little enough to reach in a few hundred allocations. */
const MEMORY_LIMIT_MB = 64;

function faultRequest(fault: FaultContext['fault'], at = 3, signal?: AbortSignal): MapRequest {
  return { workloadUrl: fixtures.faults, items: range(8), context: { fault, at, testPid: process.pid }, signal };
}

/** The executor still works after a failure: the next map succeeds. */
async function expectRecovered(executor: Executor): Promise<void> {
  await expect(executor.map(echoRequest(range(5), 'after'))).resolves.toEqual(echoed(range(5), 'after'));
}

/** Faults end in a clear, coded error naming backend, workload and item; never in a hang. */
export function faultCases(ctx: ConformanceContext): void {
  const { backend } = ctx;
  const inWorkers = (backend.runsOn ?? 'main-thread') !== 'main-thread';

  it('rejects with PARABENCH_ITEM_FAILED naming the item when map throws, with the original error as cause', async () => {
    const executor = await ctx.start();
    const error = await executor.map(faultRequest('throw')).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: ErrorCode.ItemFailed, backend: backend.name, workload: WORKLOAD, index: 3 });
    expect((error as Error).message).toContain('item 3 refused on purpose');
    const cause = (error as Error).cause as Error;
    expect(cause.message).toBe('item 3 refused on purpose');
    expect(cause.stack).toMatch(/fixtures[\\/]faults\.[jt]s/);
    await expectRecovered(executor);
  });

  it.skipIf(!inWorkers)('rejects with PARABENCH_WORKER_EXITED when a worker dies mid-map, then serves the next map', async () => {
    const executor = await ctx.start();
    const error = await executor.map(faultRequest('exit')).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: ErrorCode.WorkerExited, backend: backend.name, workload: WORKLOAD, index: expect.any(Number) });
    await expectRecovered(executor);
  });

  it.skipIf(!inWorkers)('rejects with PARABENCH_NOT_CLONEABLE for an item, a context or a result that cannot be sent', async () => {
    const executor = await ctx.start();
    const items: unknown[] = range(6).map((value) => ({ value }));
    items[4] = { value: 4, bad: () => 4 };
    await expect(executor.map({ workloadUrl: fixtures.echo, items, context: null })).rejects.toMatchObject({
      code: ErrorCode.NotCloneable,
      backend: backend.name,
      index: 4,
    });
    await expectRecovered(executor);
    await expect(executor.map(echoRequest(range(3), Symbol('context')))).rejects.toMatchObject({ code: ErrorCode.NotCloneable });
    await expectRecovered(executor);
    await expect(executor.map(faultRequest('unclonable-result', 5))).rejects.toMatchObject({ code: ErrorCode.NotCloneable, index: 5 });
    await expectRecovered(executor);
  });

  it.skipIf(!supports(backend, 'memoryLimit'))('rejects with PARABENCH_OUT_OF_MEMORY when a worker reaches maxMemoryMb, then serves the next map', async () => {
    const executor = await ctx.start(ctx.workers, { maxMemoryMb: MEMORY_LIMIT_MB });
    const error = await executor.map(faultRequest('eat-memory')).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: ErrorCode.OutOfMemory, backend: backend.name, workload: WORKLOAD, index: expect.any(Number) });
    await expectRecovered(executor);
  });

  it.skipIf(!supports(backend, 'abort'))('ends a map that never finishes when its signal aborts, then serves the next map', async () => {
    const executor = await ctx.start();
    const request = faultRequest(inWorkers ? 'spin' : 'wait', 1, AbortSignal.timeout(200));
    await expect(executor.map(request)).rejects.toMatchObject({ code: ErrorCode.Aborted, backend: backend.name });
    await expectRecovered(executor);
  });
}
