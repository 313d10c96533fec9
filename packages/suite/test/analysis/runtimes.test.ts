import { describe, expect, it } from 'vitest';
import { rateWorkload } from '../../src/analysis/rate-workload.js';
import { acrossRuntimes, compatibility, loopAgainst } from '../../src/analysis/runtimes.js';
import type { WorkloadMeasurement } from '../../src/model/index.js';
import { acrossText } from '../../src/report/wording.js';
import { syntheticRow, syntheticWorkload } from '../synthetic.js';

/** A workload in one runtime: its loop takes `loopMs`, a 2-worker row `speedup` times less, over three forks of two rounds. */
function inRuntime(runtime: string, loopMs: number, speedup: number): WorkloadMeasurement {
  const wobble = [1, 1.02, 0.99, 1.01, 0.98, 1];
  const loop = syntheticRow(
    'sequential',
    1,
    wobble.map((w) => loopMs * w),
    {},
    2,
  );
  const row = syntheticRow(
    'pool',
    2,
    wobble.map((w, i) => ((loopMs * w) / speedup) * (1 + 0.005 * (i % 2))),
    {},
    2,
  );
  return { ...syntheticWorkload([loop, row]), runtime };
}

describe('runtimes as an axis', () => {
  it("reads another runtime's loop against the first runtime's, from their forks", () => {
    const ratio = loopAgainst(inRuntime('node', 100, 1.9), inRuntime('bun', 80, 1.9));
    expect(ratio?.median).toBeCloseTo(1.25, 2);
    expect(ratio?.low).toBeLessThan(1.25);
    expect(ratio?.high).toBeGreaterThan(1.25);
  });

  it("names the fastest combination across runtimes on the first runtime's scale", () => {
    const node = rateWorkload(inRuntime('node', 100, 1.9));
    const bun = { ...rateWorkload(inRuntime('bun', 70, 1.8)), loop: loopAgainst(inRuntime('node', 100, 1.9), inRuntime('bun', 70, 1.8)) };
    const across = acrossRuntimes([node, bun]);
    // Bun's pool: 1.8× a loop 1.43× faster than Node's, 2.57× Node's loop.
    expect(across).toMatchObject({ scale: 'node', fastest: { runtime: 'bun', backend: 'pool', speedup: expect.closeTo(1.8 * (100 / 70), 1) } });
    expect(acrossRuntimes([node])).toBeUndefined();
  });

  it('says which backend passes, fails with a code, or is unsupported, per runtime', () => {
    const node = rateWorkload(inRuntime('node', 100, 1.9));
    const failing = inRuntime('deno', 100, 1.9);
    failing.rows[1] = syntheticRow('pool', 2, [], { stopped: 'failed', error: { code: 'PARABENCH_START_TIMEOUT', message: 'no worker started' } });
    const declined = inRuntime('bun', 100, 1.9);
    declined.rows[1] = syntheticRow('pool', 2, [], { stopped: 'failed', error: { code: 'PARABENCH_UNSUPPORTED_RUNTIME', message: 'pool declares bun' } });
    const matrix = compatibility([node, rateWorkload(failing), rateWorkload(declined)]);
    expect(matrix.get('node')?.get('pool')).toEqual({ status: 'passes' });
    expect(matrix.get('deno')?.get('pool')).toMatchObject({ status: 'fails', code: 'PARABENCH_START_TIMEOUT' });
    expect(matrix.get('bun')?.get('pool')).toMatchObject({ status: 'unsupported' });
  });

  it("names every row not yet told from the fastest when few, else each runtime's best and how many more", () => {
    const entry = (runtime: string, backend: string, speedup: number) => ({
      runtime,
      backend,
      workers: 2,
      speedup,
      interval: [speedup * 0.9, speedup * 1.1] as [number, number],
    });
    const fastest = entry('bun', 'pool', 1.95);
    const few = [entry('node', 'pool', 1.9), entry('deno', 'pool', 1.85)];
    expect(acrossText({ workload: 'w', scale: 'node', fastest, undecided: few })).toContain('not yet told from it: node · pool × 2, deno · pool × 2 (');
    const many = ['node', 'deno', 'bun'].flatMap((runtime) =>
      ['a', 'b', 'c'].map((backend, i) => entry(runtime, backend, 1.9 - i * 0.01 - (runtime === 'deno' ? 0.05 : 0))),
    );
    const text = acrossText({ workload: 'w', scale: 'node', fastest, undecided: many });
    expect(text).toContain("not yet told from it: node · a × 2 (1.90×), bun · a × 2 (1.90×), deno · a × 2 (1.85×), each its runtime's best, and 6 more");
  });
});
