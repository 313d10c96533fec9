import { describe, expect, it } from 'vitest';
import { sequential, type Backend } from '@parabench/core';
import { compareWithBaseline } from '../src/analysis/baseline.js';
import { rateWorkload } from '../src/analysis/rate-workload.js';
import { describeMachine } from '../src/measure/machine.js';
import { batchByLiveWorkers, planSweep, SWEEP_MAX_MESSAGES } from '../src/measure/plan.js';
import type { Baseline, OkRow } from '../src/model/index.js';
import { againstTheLoopLines } from '../src/report/rows.js';
import { lineChart } from '../src/report/svg-chart.js';
import { syntheticRow, syntheticWorkload } from './synthetic.js';

/** A measured row with the speed-up `median` [low–high]; the rest of its figures do not matter here. */
const row = (speedup: [number, number, number] = [2, 1.9, 2.1], over: Partial<OkRow> = {}): OkRow => ({
  workload: 'w',
  backend: 'b',
  runsOn: 'threads',
  workers: 2,
  chunkSize: 'auto',
  status: 'ok',
  rounds: 10,
  forks: 5,
  standing: 'undecided',
  startupMs: 1,
  firstMapMs: 12,
  figures: {
    meanMs: 10,
    p50Ms: 10,
    p99Ms: 11,
    speedup: { median: speedup[0], low: speedup[1], high: speedup[2] },
    efficiency: 1,
    ceiling: 2,
    fault: undefined,
    overheadPerItemUs: 0,
    cpuMs: 20,
    cpuRatio: 1,
    peakRssMb: 100,
  },
  ...over,
});

describe('compareWithBaseline', () => {
  const baseline: Baseline = {
    file: 'base.json',
    createdAt: '',
    schemaVersion: 3,
    machine: describeMachine(),
    size: 'default',
    seed: 1,
    workloads: [{ workload: 'w', items: 100, inputDigest: 'x' }],
    rows: [row(), row([1.5, 1.45, 1.55], { backend: 'c' })],
  };

  it("calls a change only where the two runs' speed-up intervals do not overlap", () => {
    const [same, faster] = compareWithBaseline(baseline, [row([2.05, 2.0, 2.2]), row([1.8, 1.7, 1.9], { backend: 'c' })]);
    expect(same).toMatchObject({ change: 'same', baselineSpeedup: 2 });
    expect(faster).toMatchObject({ change: 'faster', ratio: 1.2 });
    expect(compareWithBaseline(baseline, [row([1, 0.9, 1.1])])[0]).toMatchObject({ change: 'slower', ratio: 0.5 });
  });

  it('marks rows the baseline does not have as new', () => {
    expect(compareWithBaseline(baseline, [row(undefined, { workers: 8 })])[0]).toMatchObject({ change: 'new', ratio: null });
  });
});

describe('againstTheLoopLines', () => {
  it('writes hyperfine-style lines from the paired speed-ups; a slower one says how many times slower, with the speed-up and its interval', () => {
    const run = rateWorkload(
      syntheticWorkload([
        syntheticRow('sequential', 1, [100, 200, 100, 150, 100, 120]),
        syntheticRow('fast', 2, [50, 100, 50, 75, 50, 60]),
        syntheticRow('slow', 2, [400, 800, 400, 600, 400, 480]),
      ]),
    );
    expect(againstTheLoopLines(run)).toEqual([
      'fast × 2 ran 2.00 [2.00–2.00] times faster than the plain loop',
      'slow × 2 ran 4.00 times slower than the plain loop: 0.25× its speed [0.25–0.25]',
    ]);
  });
});

describe('batchByLiveWorkers', () => {
  const backend = (name: string, runsOn: Backend['runsOn']): Backend => ({
    name,
    description: '',
    runsOn,
    start: async () => {
      throw new Error('not started');
    },
  });
  it("keeps a workload's executors together up to the limit, counting none for the main thread", () => {
    const plan = [1, 2, 4].flatMap((workers) =>
      [backend('t', 'threads'), backend('p', 'processes'), backend('a', 'main-thread')].map((b) => ({ backend: b, workers, chunkSize: 'auto' as const })),
    );
    expect(batchByLiveWorkers(plan, 100)).toHaveLength(1);
    const batches = batchByLiveWorkers(plan, 6);
    expect(batches.map((batch) => batch.map((c) => `${c.backend.name}${c.workers}`))).toEqual([['t1', 'p1', 'a1', 't2', 'p2', 'a2'], ['t4'], ['p4', 'a4']]);
    expect(
      batchByLiveWorkers(plan, 3)
        .at(-1)
        ?.map((c) => c.backend.name),
    ).toEqual(['p', 'a']);
  });
});

describe('planSweep', () => {
  const backend = {
    name: 'x',
    description: '',
    start: async () => {
      throw new Error('not started');
    },
  } as Backend;

  it('goes 1, 4, 16 … up to one chunk per worker, then auto, after the reference', () => {
    const plan = planSweep(backend, 1000, [1, 2]);
    expect(plan[0]?.backend).toBe(sequential);
    expect(plan.slice(1).map((c) => c.chunkSize)).toEqual([1, 4, 16, 64, 256, 500, 'auto']);
    expect(plan.slice(1).every((c) => c.workers === 2)).toBe(true);
  });

  it('leaves out chunk sizes that would send too many messages', () => {
    const sizes = planSweep(backend, 1_000_000, [2])
      .slice(1)
      .map((c) => c.chunkSize);
    // 1 and 4 items per chunk would be 1,000,000 and 250,000 messages a map: over the limit.
    expect(SWEEP_MAX_MESSAGES).toBe(100_000);
    expect(sizes.slice(0, 3)).toEqual([16, 64, 256]);
  });
});

describe('lineChart', () => {
  it('draws one group per series, the reference dashed, and escapes names', () => {
    const line = (...ys: number[]) => ys.map((y, i) => ({ x: i + 1, y }));
    const series = [
      { name: 'a<b', points: line(1, 1.9) },
      { name: 'capacity', points: line(1, 2), guide: true },
    ];
    const svg = lineChart(series, { title: 't', xLabel: 'x', yLabel: 'y' });
    expect(svg.match(/<g class="series"/g)).toHaveLength(2);
    expect(svg).toContain('data-series="a&lt;b"');
    expect(svg).toMatch(/data-series="capacity"><polyline[^>]*stroke-dasharray/);
    expect(svg).not.toContain('NaN');
  });

  it('skips non-positive values on a log axis instead of drawing NaN', () => {
    const svg = lineChart(
      [
        {
          name: 's',
          points: [
            { x: 1, y: 0 },
            { x: 10, y: 5 },
            { x: 100, y: 0.5 },
          ],
        },
      ],
      { title: 't', xLabel: 'x', yLabel: 'y', logX: true, logY: true },
    );
    expect(svg).not.toContain('NaN');
    expect(svg.match(/<circle/g)).toHaveLength(2);
  });
});
