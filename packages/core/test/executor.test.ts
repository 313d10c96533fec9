import { describe, expect, it } from 'vitest';
import { deferred } from '../src/deferred.js';
import { createExecutor, defineWorkload, mapItems, type MapRequest } from '../src/index.js';

const request: MapRequest = { workloadUrl: 'w', workloadName: 'w', items: [1, 2], context: null };

describe('createExecutor', () => {
  it('rejects map after close, and close can be called twice', async () => {
    let closes = 0;
    const executor = createExecutor({ name: 'b' }, { map: async () => [], close: () => void closes++ });
    await executor.close();
    await executor.close();
    expect(closes).toBe(1);
    await expect(executor.map(request)).rejects.toMatchObject({ code: 'PARABENCH_EXECUTOR_CLOSED', backend: 'b' });
  });

  it('refuses a second concurrent map unless the backend declares concurrentMaps', async () => {
    const pending = deferred<unknown[]>();
    const executor = createExecutor({ name: 'b' }, { map: () => pending.promise, close() {} });
    const first = executor.map(request);
    await expect(executor.map(request)).rejects.toMatchObject({ code: 'PARABENCH_EXECUTOR_BUSY' });
    pending.resolve([1, 2]);
    await expect(first).resolves.toEqual([1, 2]);
    await expect(executor.map(request)).resolves.toEqual([1, 2]);
  });

  it('runs concurrent maps when the backend declares it', async () => {
    const executor = createExecutor({ name: 'b', supports: { concurrentMaps: true } }, { map: async (r) => [...r.items], close() {} });
    await expect(Promise.all([executor.map(request), executor.map(request)])).resolves.toEqual([
      [1, 2],
      [1, 2],
    ]);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const executor = createExecutor({ name: 'b' }, { map: async () => [], close() {} });
    const error = await executor.map({ ...request, signal: AbortSignal.abort(new Error('too late')) }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PARABENCH_ABORTED', message: expect.stringContaining('too late') });
  });
});

describe('mapItems', () => {
  const workload = defineWorkload<number, number, number>({
    name: 'fragile',
    description: 'throws on 3',
    generate: () => ({ items: [], context: 0 }),
    map: (n, add) => {
      if (n === 3) throw new TypeError('three is bad');
      return n % 2 === 0 ? Promise.resolve(n + add) : n + add;
    },
  });

  it('maps sync and async results in order', async () => {
    await expect(mapItems(workload, [0, 1, 2], 10, { backend: 'b' })).resolves.toEqual([10, 11, 12]);
  });

  it('names backend, workload and the absolute index, with the original error as cause', async () => {
    const error = await mapItems(workload, [1, 3], 0, { backend: 'b', offset: 40 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PARABENCH_ITEM_FAILED', backend: 'b', workload: 'fragile', index: 41 });
    expect((error as Error).message).toBe('map failed: three is bad (backend "b", workload "fragile", item 41)');
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });
});
