import { describe, expect, it } from 'vitest';
import { speedupBars } from '../src/report/bar-chart.js';
import { renderHtml } from '../src/report/html.js';
import { describeMachine } from '../src/measure/machine.js';
import { resolveOptions } from '../src/command/options.js';
import type { WorkloadResult } from '../src/model/index.js';
import { rateWorkload } from '../src/analysis/rate-workload.js';
import { syntheticRow, syntheticWorkload } from './synthetic.js';

const ROUNDS = 12;
const times = (ms: number): number[] => Array.from({ length: ROUNDS }, (_, i) => ms * (1 + 0.01 * Math.sin(i)));

/** A workload at the given worker counts: `fast` halves the loop's time per added worker, `slow` never gains. */
function run(workerCounts: number[]): WorkloadResult {
  const rows = [syntheticRow('sequential', 1, times(100))];
  for (const workers of workerCounts) rows.push(syntheticRow('fast', workers, times(100 / workers)), syntheticRow('slow', workers, times(130)));
  return rateWorkload(syntheticWorkload(rows));
}

const page = (runs: WorkloadResult[]): string =>
  renderHtml(describeMachine(), resolveOptions({}), { planned: { workloads: ['w'], backends: ['sequential', 'fast', 'slow'] }, finished: runs, remaining: [] });

describe('the HTML page', () => {
  it('draws one bar per combination, fastest first, with the fastest and its ties highlighted', () => {
    const svg = speedupBars(run([1, 2]));
    const bars = [...svg.matchAll(/<g class="bar" data-row="([^"]+)" data-standing="(\w+)">/g)].map((m) => [m[1], m[2]]);
    expect(bars).toEqual([
      ['fast × 2', 'winner'],
      ['fast × 1', 'other'],
      ['slow × 1', 'other'],
      ['slow × 2', 'other'],
    ]);
    expect(svg).toContain('1× the loop');
    expect(svg).toMatch(/class="ceiling"[^>]*\/><text [^>]*>ceiling at 2: 2\.00×/);
  });

  it('draws a scaling chart, ticked at the worker counts, only where three or more ran', () => {
    expect(page([run([1, 2])])).not.toContain('speed-up against worker count');
    const html = page([run([1, 2, 4])]);
    const chart = html.slice(html.indexOf('speed-up against worker count'));
    expect(chart.length).toBeGreaterThan(0);
    const ticks = [...chart.matchAll(/text-anchor="middle">([\d.]+)<\/text>/g)].map((m) => m[1]);
    expect(ticks.slice(0, 3)).toEqual(['1', '2', '4']);
    expect(ticks).not.toContain('1.5');
  });

  it("leads with the machine, how far to trust the run and a table of verdicts, and follows the reader's colour scheme", () => {
    const html = page([run([1, 2])]);
    expect(html.indexOf('How far to trust this run')).toBeLessThan(html.indexOf('<section class="verdicts">'));
    expect(html.indexOf('<section class="verdicts">')).toBeLessThan(html.indexOf('<section class="workload"'));
    expect(html).toMatch(/<tr><td><a href="#w">w<\/a><\/td><td>pays<\/td><td>fast × 2<\/td><td>2\.00× \[[\d.]+–[\d.]+\]<\/td>/);
    expect(html).toContain('@media (prefers-color-scheme: dark)');
    expect(html).toContain('<div class="table-box"><table>');
    expect(html).not.toMatch(/<script/);
  });
});
