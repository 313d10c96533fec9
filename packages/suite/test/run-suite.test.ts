import { describe, expect, it } from 'vitest';
import { createExecutor, defineBackend, loadWorkload, mapItems, type Backend } from '@parabench/core';
// From the build: the capacity probe runs a worker script, which exists only as JavaScript.
import { resolveOptions } from '../dist/command/options.js';
import { planBackends } from '../dist/measure/plan.js';
import { runSuite } from '../dist/run-suite.js';

const url = new URL('./fixtures/halves.js', import.meta.url).href;

/** A backend that maps on this thread, as the reference does, then lets `spoil` change the results. */
const inProcess = (name: string, spoil: (results: unknown[]) => unknown[] = (r) => r): Backend => {
  const backend: Backend = defineBackend({
    name,
    description: `Test backend ${name}.`,
    start: async () =>
      createExecutor(backend, {
        map: async ({ workloadUrl, items, context }) => spoil(await mapItems(await loadWorkload(workloadUrl), items, context, { backend: name })),
        close() {},
      }),
  });
  return backend;
};

describe('runSuite, in process, with fake backends', () => {
  it('measures every row against the reference, tells a wrong result and a failed start apart, and answers', async () => {
    const right = inProcess('right');
    const wrong = inProcess('wrong', (results) => results.map((value, i) => (i === 7 ? (value as number) + 1 : value)));
    const broken = defineBackend({
      name: 'broken',
      description: 'Test backend that cannot start.',
      start: async () => {
        throw new Error('no such pool');
      },
    });
    const options = resolveOptions({ quick: true, workers: '1', minRounds: '3', time: '20', slot: '1', warmup: '1' });
    const steps: string[] = [];
    const finished: string[] = [];
    const result = await runSuite([{ definition: await loadWorkload(url), url }], planBackends([right, wrong, broken]), options, {
      reporters: [{ onProgress: (_context, { text }) => steps.push(text), onWorkload: (_context, workload) => finished.push(workload.workload) }],
    });

    expect(finished).toEqual(['halves']);
    expect(result.planned).toEqual({ workloads: ['halves'], backends: ['sequential', 'right', 'wrong', 'broken'] });
    const [run] = result.finished;
    const rows = new Map(run?.rows.map((row) => [row.backend, row]));
    expect(rows.get('sequential')).toMatchObject({ status: 'ok', figures: { speedup: { median: 1 } } });
    expect(rows.get('right')).toMatchObject({ status: 'ok', workload: 'halves', workers: 1, chunkSize: null });
    expect(rows.get('right')?.rounds).toBeGreaterThanOrEqual(3);
    expect(rows.get('wrong')).toMatchObject({ status: 'mismatch', mismatch: { index: 7, expected: '7', actual: '8' } });
    expect(rows.get('broken')).toMatchObject({
      status: 'error',
      error: { code: 'PARABENCH_BACKEND_FAILED', message: expect.stringContaining('no such pool') },
    });
    expect(run?.verdict).toMatchObject({ workload: 'halves', outcome: expect.stringMatching(/^(winner|no-gain)$/) });
    expect(steps.some((text) => text.startsWith('starting right × 1'))).toBe(true);
  });
});
