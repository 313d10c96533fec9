import { describe, expect, it } from 'vitest';
import { sequential, type Backend } from '@parabench/core';
import { compareWithBaseline } from '../src/compare.js';
import type { JsonReport } from '../src/json-report.js';
import { planSweep, SWEEP_MAX_MESSAGES } from '../src/plan.js';
import { comparisonLines } from '../src/report-rows.js';
import type { RowResult } from '../src/results.js';
import { lineChart } from '../src/svg-chart.js';

const row = (over: Partial<RowResult>): RowResult => ({
  workload: 'w', backend: 'b', runsOn: 'threads', workers: 2, status: 'ok', meanMs: 10, rme: 1, unstable: false,
  p50Ms: 10, p99Ms: 11, samples: 5, speedup: 1, efficiency: 0.5, overheadPerItemUs: 0, chunkSize: 'auto',
  startupMs: 1, firstMapMs: 12, ...over,
});

describe('compareWithBaseline', () => {
  const baseline = { results: [row({ meanMs: 10, rme: 2 }), row({ backend: 'c', meanMs: 10, rme: 1 })] } as JsonReport;

  it('calls a change only beyond both runs\' margins of error', () => {
    const [same, slower] = compareWithBaseline(baseline, [row({ meanMs: 10.2, rme: 1 }), row({ backend: 'c', meanMs: 12, rme: 1 })]);
    expect(same).toMatchObject({ change: 'same', baselineMs: 10 });
    expect(slower).toMatchObject({ change: 'slower', ratio: 1.2 });
    expect(compareWithBaseline(baseline, [row({ meanMs: 5 })])[0]).toMatchObject({ change: 'faster', ratio: 0.5 });
  });

  it('marks rows the baseline does not have as new', () => {
    expect(compareWithBaseline(baseline, [row({ workers: 8 })])[0]).toMatchObject({ change: 'new', ratio: null });
  });
});

describe('comparisonLines', () => {
  it('writes hyperfine-style lines with the margins combined', () => {
    const lines = comparisonLines({
      workload: 'w', description: '', items: 1, reduced: undefined, sweep: undefined,
      rows: [row({ backend: 'sequential', meanMs: 20, rme: 3 }), row({ meanMs: 10, rme: 4 }), row({ backend: 'slow', meanMs: 40, rme: 0 })],
    });
    expect(lines).toEqual(['b × 2 ran 2.00 ± 0.10 times faster than sequential', 'slow × 2 ran 2.00 ± 0.06 times slower than sequential']);
  });
});

describe('planSweep', () => {
  const backend = { name: 'x', description: '', start: async () => { throw new Error('not started'); } } as Backend;

  it('goes 1, 4, 16 … up to one chunk per worker, then auto, after the reference', () => {
    const plan = planSweep(backend, 1000, [1, 2]);
    expect(plan[0]?.backend).toBe(sequential);
    expect(plan.slice(1).map((c) => c.chunkSize)).toEqual([1, 4, 16, 64, 256, 500, 'auto']);
    expect(plan.slice(1).every((c) => c.workers === 2)).toBe(true);
  });

  it('leaves out chunk sizes that would send too many messages', () => {
    const sizes = planSweep(backend, 1_000_000, [2]).slice(1).map((c) => c.chunkSize);
    expect(sizes[0]).toBe(16);
    expect(1_000_000 / 16).toBeLessThanOrEqual(SWEEP_MAX_MESSAGES);
  });
});

describe('lineChart', () => {
  it('draws one group per series, the reference dashed, and escapes names', () => {
    const svg = lineChart(
      [
        { name: 'a<b', points: [{ x: 1, y: 1 }, { x: 2, y: 1.9 }] },
        { name: 'capacity', points: [{ x: 1, y: 1 }, { x: 2, y: 2 }], reference: true },
      ],
      { title: 't', xLabel: 'x', yLabel: 'y' },
    );
    expect(svg.match(/<g class="series"/g)).toHaveLength(2);
    expect(svg).toContain('data-series="a&lt;b"');
    expect(svg).toMatch(/data-series="capacity"><polyline[^>]*stroke-dasharray/);
    expect(svg).not.toContain('NaN');
  });

  it('skips non-positive values on a log axis instead of drawing NaN', () => {
    const svg = lineChart([{ name: 's', points: [{ x: 1, y: 0 }, { x: 10, y: 5 }, { x: 100, y: 0.5 }] }], { title: 't', xLabel: 'x', yLabel: 'y', logX: true, logY: true });
    expect(svg).not.toContain('NaN');
    expect(svg.match(/<circle/g)).toHaveLength(2);
  });
});
