// Every report rendered from one fixed run and compared with files checked in under golden/, so
// that any change to what a report says shows up here. After a deliberate change, run
// `PARABENCH_UPDATE_GOLDEN=1 pnpm vitest run packages/suite/test/golden.test.ts` and read the diff.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { compareWithBaseline } from '../src/analysis/baseline.js';
import { rateWorkload } from '../src/analysis/rate-workload.js';
import { resolveOptions } from '../src/command/options.js';
import type { Baseline, ReportContext, SuiteResult } from '../src/model/index.js';
import { renderComparison } from '../src/report/comparison.js';
import { renderHeader, renderSummary, renderVerdicts, renderWorkload } from '../src/report/console.js';
import { renderHtml } from '../src/report/html.js';
import { buildJsonReport, jsonRow } from '../src/report/json.js';
import { baselineFromReport, resultsFromReport, rowFromJson } from '../src/report/json-read.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { createProgress } from '../src/report/progress.js';
import { baselineMeasurements, MACHINE, measurements, RAW_OPTIONS } from './golden/fixture.js';

const update = process.env.PARABENCH_UPDATE_GOLDEN === '1';
const golden = (name: string): URL => new URL(`./golden/${name}`, import.meta.url);
// Colour depends on the terminal the test runs in; the words do not.
const plain = (text: string): string => stripVTControlCharacters(text);

function expectGolden(name: string, text: string): void {
  if (update || !existsSync(golden(name))) writeFileSync(golden(name), text);
  expect(text, `${name} differs from the file checked in`).toBe(readFileSync(golden(name), 'utf8'));
}

const options = resolveOptions(RAW_OPTIONS);
const runs = measurements().map(rateWorkload);
const result: SuiteResult = {
  planned: {
    workloads: ['alpha', 'beta', 'eta', 'gamma', 'delta', 'epsilon', 'zeta'],
    backends: ['sequential', 'async', 'fast', 'cluster', 'wobbly', 'odd', 'wrong', 'broken'],
  },
  finished: runs,
  remaining: ['zeta'],
};

beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-30T12:00:00.000Z'));
});
afterAll(() => {
  vi.useRealTimers();
});

describe('every report, from one fixed run', () => {
  // The baseline as --compare reads it: through the JSON report.
  const baseline = (): Baseline => {
    const saved = buildJsonReport(MACHINE, options, { planned: result.planned, finished: baselineMeasurements().map(rateWorkload), remaining: [] });
    return baselineFromReport('baseline.json', JSON.parse(JSON.stringify(saved)));
  };
  const comparison = () =>
    compareWithBaseline(
      baseline(),
      runs.flatMap((run) => run.rows),
    );

  it('writes the JSON report as it was', () => {
    expectGolden('run.json', `${JSON.stringify(buildJsonReport(MACHINE, options, result, comparison()), null, 2)}\n`);
  });

  it('writes the Markdown report as it was, and the same again from the JSON report read back', () => {
    const markdown = renderMarkdown(MACHINE, options, result, baseline());
    expectGolden('run.md', markdown);
    const json = JSON.parse(readFileSync(golden('run.json'), 'utf8'));
    expect(renderMarkdown(MACHINE, options, { ...result, finished: resultsFromReport(json) }, baseline())).toBe(markdown);
  });

  it("reads a report that still names the capacity's extremes low and high, as earlier ones of schema 3 did", () => {
    const json = JSON.parse(readFileSync(golden('run.json'), 'utf8'));
    const renamed = ({ min, max, ...rest }: Record<string, number>) => ({ ...rest, low: min, high: max });
    const legacy = JSON.parse(
      JSON.stringify(json, (key, value) => (key === 'capacity' ? value.map(renamed) : key === 'capacitySwing' && value !== null ? renamed(value) : value)),
    );
    expect(JSON.stringify(legacy)).not.toMatch(/"min"|"max"/);
    const read = (report: unknown) => resultsFromReport(report as never).map((run) => [run.capacity, run.verdict]);
    expect(read(legacy)).toEqual(read(json));
  });

  it('reads every row back from the JSON report as it was written', () => {
    const rows = runs.flatMap((run) => run.rows);
    expect(rows.map((row) => jsonRow(rowFromJson(jsonRow(row))))).toEqual(rows.map((row) => jsonRow(row)));
  });

  it('writes the HTML report as it was', () => {
    expectGolden('run.html', renderHtml(MACHINE, options, result));
  });

  it('prints the terminal output as it was, compact at 100 columns and wide', () => {
    const width = 100;
    const compact = [
      renderHeader(MACHINE, options, width),
      ...runs.map((run) => `\n${renderWorkload(run, { wide: false, width })}`),
      `\n${renderVerdicts(runs, width)}`,
      `\n${renderSummary(runs, width)}`,
      `\n${renderComparison(baseline(), MACHINE, comparison())}`,
    ].join('');
    expectGolden('console.txt', plain(compact));
    const wide = runs.map((run) => `\n${renderWorkload(run, { wide: true, width: Number.POSITIVE_INFINITY })}`).join('');
    expectGolden('console-wide.txt', plain(wide));
  });

  it('prints one progress line per workload where there is no terminal', () => {
    const lines: string[] = [];
    const progress = createProgress({ isTTY: false, write: (line: string) => lines.push(line) } as unknown as NodeJS.WriteStream);
    const context: ReportContext = { machine: MACHINE, options, result, baseline: undefined, resumedFrom: undefined };
    for (const [index, run] of runs.entries()) progress.onWorkload?.(context, run, { index, total: runs.length + 1 });
    expectGolden('progress.txt', lines.join(''));
  });
});
