import { describe, expect, it } from 'vitest';
import { runChunkTask } from '../src/worker.js';
import {
  chunkRule,
  planChunks,
  resolveChunkSize,
  startPool,
  startTaskPool,
  type TaskTransport,
  type WorkerEvents,
  type WorkerHandle,
} from '../src/pool/index.js';

/** A transport whose workers never answer, or die at once: what a broken worker script looks like. */
function fakeTransport(behaviour: 'silent' | 'dies') {
  const terminated: number[] = [];
  let spawned = 0;
  const spawn = (events: WorkerEvents): WorkerHandle => {
    const id = ++spawned;
    if (behaviour === 'dies') setImmediate(() => events.exit('exited with code 1'));
    return { send() {}, terminate: async () => void terminated.push(id) };
  };
  return { spawn, terminated, spawned: () => spawned };
}

describe('startPool', () => {
  it('rejects start() with PARABENCH_WORKER_EXITED when the workers are not ready in time, and terminates them', async () => {
    const transport = fakeTransport('silent');
    const error = await startPool({ backend: { name: 'fake' }, workers: 2, spawn: transport.spawn, startupTimeoutMs: 50 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PARABENCH_START_TIMEOUT', backend: 'fake', message: expect.stringContaining('not ready within 50 ms') });
    expect(transport.terminated.sort()).toEqual([1, 2]);
  });

  it('rejects start() when a worker exits before it is ready, saying how it went', async () => {
    const transport = fakeTransport('dies');
    const error = await startPool({ backend: { name: 'fake' }, workers: 3, spawn: transport.spawn }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PARABENCH_WORKER_EXITED', message: expect.stringContaining('exited with code 1 before it was ready') });
    expect(transport.spawned()).toBe(3);
  });

  it('rejects workers that are not a positive integer', async () => {
    await expect(startPool({ backend: { name: 'fake' }, workers: 0, spawn: fakeTransport('silent').spawn })).rejects.toMatchObject({
      code: 'PARABENCH_INVALID_OPTIONS',
    });
  });
});

describe('chunk sizes', () => {
  it("resolves 'auto' to the rule's chunks per worker, and a number to itself", () => {
    expect(resolveChunkSize(chunkRule('auto', 4), 100, 2)).toBe(13); // 8 chunks: 7 of 13, 1 of 9
    expect(resolveChunkSize(chunkRule(undefined, 1), 100, 2)).toBe(50);
    expect(resolveChunkSize(chunkRule('auto', 4), 3, 8)).toBe(1);
    expect(resolveChunkSize(chunkRule(7, 4), 100, 2)).toBe(7);
  });

  it('covers every item once, the last chunk shorter', () => {
    const chunks = planChunks(100, 13);
    expect(chunks).toHaveLength(8);
    expect(chunks.flatMap(({ start, end }) => Array.from({ length: end - start }, (_, i) => start + i))).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(planChunks(10, 4)).toEqual([
      { start: 0, end: 4 },
      { start: 4, end: 8 },
      { start: 8, end: 10 },
    ]);
    expect(planChunks(0, 4)).toEqual([]);
  });

  it.each([0, -1, 2.5])('rejects chunk size %s with a usage code', (size) => {
    expect(() => chunkRule(size, 4)).toThrow(expect.objectContaining({ code: 'PARABENCH_INVALID_OPTIONS' }));
  });
});

describe('startTaskPool', () => {
  it('lets every task of a map listen to its abort signal without a listener-leak warning, as libraries do at chunk size 1', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning.name);
    process.on('warning', onWarning);
    const sumRange = new URL('../../workloads/dist/workloads/sum-range.js', import.meta.url).href;
    const transport: TaskTransport = {
      // A library keeps a listener on the signal while the task runs, as piscina and poolifier do.
      async run(task, signal) {
        const listener = (): void => undefined;
        signal.addEventListener('abort', listener);
        await new Promise((resolve) => setImmediate(resolve));
        signal.removeEventListener('abort', listener);
        return runChunkTask(task);
      },
      close: async () => undefined,
    };
    try {
      const executor = await startTaskPool({ backend: { name: 'fake' }, workers: 2, chunkSize: 1, transport });
      const items = Array.from({ length: 50 }, (_, i) => i);
      await expect(executor.map({ workloadUrl: sumRange, items, context: null })).resolves.toEqual(items.map((n) => (n * (n - 1)) / 2 + 0));
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).not.toContain('MaxListenersExceededWarning');
      await executor.close();
    } finally {
      process.off('warning', onWarning);
    }
  });
});
