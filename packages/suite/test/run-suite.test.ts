import { describe, expect, it } from 'vitest';
import { createExecutor, defineBackend, loadWorkload, mapItems, type Backend } from '@parabench/core';
// From the build: the capacity probe runs a worker script, which exists only as JavaScript.
import { resolveOptions } from '../dist/command/options.js';
import { inProcessForkRunner } from '../dist/measure/in-process-fork-runner.js';
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
    const options = resolveOptions({ quick: true, workers: '1', forks: '2', rounds: '3', time: '20', slot: '1', warmup: '1' });
    const steps: string[] = [];
    const finished: string[] = [];
    const workload = await loadWorkload(url);
    const backends = [right, wrong, broken];
    const runner = inProcessForkRunner(new Map([[workload.name, workload]]), new Map(backends.map((backend) => [backend.name, backend])));
    const result = await runSuite(
      [{ definition: workload, url }],
      backends.map((backend) => ({ backend, url })),
      options,
      {
        reporters: [{ onProgress: (_context, { text }) => steps.push(text), onWorkload: (_context, run) => finished.push(run.workload) }],
        runner,
      },
    );

    expect(finished).toEqual(['halves']);
    expect(result.planned).toEqual({ workloads: ['halves'], backends: ['sequential', 'right', 'wrong', 'broken'] });
    const [run] = result.finished;
    const rows = new Map(run?.rows.map((row) => [row.backend, row]));
    expect(rows.get('sequential')).toMatchObject({ status: 'ok', figures: { speedup: { median: 1 } } });
    expect(rows.get('right')).toMatchObject({ status: 'ok', workload: 'halves', workers: 1, chunkSize: null });
    expect(rows.get('right')).toMatchObject({ forks: 2, rounds: 6 });
    expect(rows.get('sequential')).toMatchObject({ forks: 2, rounds: 6 });
    expect(rows.get('wrong')).toMatchObject({ status: 'mismatch', mismatch: { index: 7, expected: '7', actual: '8' } });
    expect(rows.get('broken')).toMatchObject({
      status: 'error',
      error: { code: 'PARABENCH_BACKEND_FAILED', message: expect.stringContaining('no such pool') },
    });
    expect(run?.verdict).toMatchObject({ workload: 'halves', margin: 0.03, outcome: expect.stringMatching(/^(pays|does-not-pay|undecided|no-answer)$/) });
    expect(steps).toContain('fork 1 · start right × 1');
    expect(steps).toContain('fork 2 · round 4 · slot right × 1');
  });
});
