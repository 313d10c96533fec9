import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InvalidOptionsError, messageOf } from '@parabench/core';
import { compareWithBaseline, loadBaseline, renderComparison, type RowComparison } from './compare.js';
import { renderHtml } from './html-report.js';
import { buildJsonReport } from './json-report.js';
import type { MachineInfo } from './machine.js';
import { renderMarkdown } from './markdown-report.js';
import type { SuiteOptions } from './options.js';
import type { SuiteResult } from './run-suite.js';

export interface ReportOutcome {
  /** Lines for the console: the comparison, and where each file went. */
  text: string;
  comparison: RowComparison[] | undefined;
}

/** Compares with `--compare` and writes `--json`, `--markdown` and `--html`, as the options ask. */
export function writeReports(machine: MachineInfo, options: SuiteOptions, result: SuiteResult): ReportOutcome {
  let text = '';
  let comparison: RowComparison[] | undefined;
  if (options.compare !== undefined) {
    const baseline = loadBaseline(options.compare);
    comparison = compareWithBaseline(baseline, result.runs.flatMap((run) => run.rows));
    text += `\n${renderComparison(options.compare, baseline, comparison)}`;
  }
  const outputs: Array<[string | undefined, string, () => string]> = [
    [options.json, 'JSON', () => `${JSON.stringify({ ...buildJsonReport(machine, options, result), comparison }, null, 2)}\n`],
    [options.markdown, 'Markdown', () => renderMarkdown(machine, options, result)],
    [options.html, 'HTML', () => renderHtml(machine, options, result)],
  ];
  for (const [file, kind, render] of outputs) {
    if (file === undefined) continue;
    const path = resolve(file);
    try {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, render());
    } catch (error) {
      throw new InvalidOptionsError(`cannot write the ${kind} report to ${path}: ${messageOf(error)}`, { cause: error });
    }
    text += `${kind} written to ${path}\n`;
  }
  return { text, comparison };
}
