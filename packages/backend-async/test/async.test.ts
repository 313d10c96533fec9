import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import asyncBackend from '../dist/index.js';

// A workload that waits on a timer and records how many of its maps were in flight at once.
const dir = mkdtempSync(join(tmpdir(), 'parabench-async-'));
const waiting = pathToFileURL(join(dir, 'waiting.mjs')).href;
writeFileSync(
  join(dir, 'waiting.mjs'),
  `export const stats = { inFlight: 0, peak: 0 };
export default {
  name: 'waiting', description: 'waits 5 ms per item',
  generate: () => ({ items: [], context: null }),
  map: async (n) => {
    stats.peak = Math.max(stats.peak, ++stats.inFlight);
    await new Promise((resolve) => setTimeout(resolve, 5));
    stats.inFlight--;
    return n * 2;
  },
};`,
);

// A workload whose items compute for a while and return plain values.
const spinning = pathToFileURL(join(dir, 'spinning.mjs')).href;
writeFileSync(
  join(dir, 'spinning.mjs'),
  `export default {
  name: 'spinning', description: 'computes for ms milliseconds per item',
  generate: () => ({ items: [], context: null }),
  map: (ms) => { const end = performance.now() + ms; while (performance.now() < end); return ms; },
};`,
);

describe('async backend', () => {
  it.each([1, 3, 8])('keeps %i lanes in flight on work that waits, results in input order', async (lanes) => {
    const { stats } = (await import(waiting)) as { stats: { inFlight: number; peak: number } };
    stats.peak = 0;
    const executor = await asyncBackend.start({ workers: lanes });
    try {
      const items = Array.from({ length: 20 }, (_, i) => i);
      await expect(executor.map({ workloadUrl: waiting, items, context: null })).resolves.toEqual(items.map((i) => i * 2));
      expect(stats.peak).toBe(lanes);
    } finally {
      await executor.close();
    }
  });

  it('lets the event loop run during a long map of plain values, and still maps every item', async () => {
    const executor = await asyncBackend.start({ workers: 2 });
    try {
      await executor.map({ workloadUrl: spinning, items: [0], context: null }); // loads the module: no waiting on I/O below
      const events: string[] = [];
      setImmediate(() => events.push('loop turned'));
      const items = Array.from({ length: 100 }, () => 0.5); // 50 ms of computing, ten time slices
      const mapped = executor.map({ workloadUrl: spinning, items, context: null }).then((results) => {
        events.push('map done');
        return results;
      });
      await expect(mapped).resolves.toEqual(items);
      expect(events).toEqual(['loop turned', 'map done']);
    } finally {
      await executor.close();
    }
  });

  it('stops between items when aborted', async () => {
    const executor = await asyncBackend.start({ workers: 2 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stop')), 20);
    const items = Array.from({ length: 1000 }, (_, i) => i);
    await expect(executor.map({ workloadUrl: waiting, items, context: null, signal: controller.signal })).rejects.toMatchObject({
      code: 'PARABENCH_ABORTED',
      backend: 'async',
    });
    await executor.close();
  });
});
