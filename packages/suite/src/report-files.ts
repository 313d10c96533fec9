import { resolve } from 'node:path';
import { InvalidOptionsError, messageOf } from '@parabench/core';
import { writeAtomically } from './atomic-write.js';
import { compareWithBaseline, loadBaseline, renderComparison, type RowComparison } from './compare.js';
import { renderHtml } from './html-report.js';
import { buildJsonReport, type JsonReport } from './json-report.js';
import type { MachineInfo } from './machine.js';
import { renderMarkdown } from './markdown-report.js';
import type { SuiteOptions } from './options.js';
import type { SuiteResult } from './run-suite.js';

/** The reports a run asked for (`--json`, `--markdown`, `--html`), kept whole on disk as the run goes. */
export interface ReportFiles {
  /** Rewrites every report with what is finished so far. A failed write warns and waits for the next one. */
  update(result: SuiteResult): void;
  /** The last write, with the comparison of `--compare`: returns the lines for the console. */
  finish(result: SuiteResult): { text: string; comparison: RowComparison[] | undefined };
}

interface Output {
  kind: string;
  path: string;
  /** Kept for the supervising CLI, not asked for: not announced. */
  hidden?: boolean;
  render(result: SuiteResult, comparison: RowComparison[] | undefined): string;
}

/**
 * Writes every report once, before anything is measured, with nothing finished yet: a path that
 * cannot be written is found at once (an {@link InvalidOptionsError}, which the CLI turns into
 * exit status 2) rather than after the whole run.
 */
export function openReportFiles(
  machine: MachineInfo,
  options: SuiteOptions,
  initial: SuiteResult,
  warn: (message: string) => void,
  statePath?: string,
): ReportFiles {
  const baseline = options.compare === undefined ? undefined : loadBaseline(options.compare);
  const json: Omit<Output, 'path'> = {
    kind: 'JSON',
    render: (result, comparison) => `${JSON.stringify({ ...buildJsonReport(machine, options, result), comparison } satisfies JsonReport, null, 2)}\n`,
  };
  const asked: Array<[string | undefined, Omit<Output, 'path'>]> = [
    [options.json, json],
    [
      options.markdown,
      {
        kind: 'Markdown',
        render: (result, comparison) =>
          renderMarkdown(
            machine,
            options,
            result,
            baseline === undefined || comparison === undefined ? undefined : { file: options.compare as string, baseline, rows: comparison },
          ),
      },
    ],
    [options.html, { kind: 'HTML', render: (result) => renderHtml(machine, options, result) }],
  ];
  const outputs: Output[] = asked.flatMap(([file, output]) => (file === undefined ? [] : [{ ...output, path: resolve(file) }]));
  if (statePath !== undefined) outputs.push({ ...json, path: statePath, hidden: true });
  const compare = (result: SuiteResult): RowComparison[] | undefined =>
    baseline === undefined
      ? undefined
      : compareWithBaseline(
          baseline,
          result.runs.flatMap((run) => run.rows),
        );
  /** Writes every report; returns the comparison it wrote, if any. */
  const writeAll = (result: SuiteResult): RowComparison[] | undefined => {
    const comparison = compare(result);
    for (const output of outputs) {
      try {
        writeAtomically(output.path, output.render(result, comparison));
      } catch (error) {
        throw new InvalidOptionsError(`cannot write the ${output.kind} report to ${output.path}: ${messageOf(error)}`, { cause: error });
      }
    }
    return comparison;
  };
  writeAll(initial);
  return {
    update(result) {
      try {
        writeAll(result);
      } catch (error) {
        warn(`${messageOf(error)}; the run goes on, and tries again after the next workload`);
      }
    },
    finish(result) {
      const comparison = writeAll(result);
      let text = baseline === undefined || comparison === undefined ? '' : `\n${renderComparison(options.compare as string, baseline, comparison)}`;
      for (const output of outputs) if (output.hidden !== true) text += `${output.kind} written to ${output.path}\n`;
      return { text, comparison };
    },
  };
}
