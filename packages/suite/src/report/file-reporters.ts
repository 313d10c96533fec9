import { resolve } from 'node:path';
import { InvalidOptionsError, messageOf } from '@parabench/core';
import { compareWithBaseline } from '../analysis/baseline.js';
import type { ReportContext, Reporter } from '../model/index.js';
import { writeAtomically } from './atomic-write.js';
import { renderHtml } from './html.js';
import { buildJsonReport } from './json.js';
import { renderMarkdown } from './markdown.js';
import { fitLines } from './terminal.js';

/** One report file: what it is called in messages, and how it renders the run so far. */
interface ReportFile {
  kind: string;
  render(context: ReportContext): string;
}

const JSON_FILE: ReportFile = {
  kind: 'JSON',
  render: ({ machine, options, result, baseline }) => {
    const comparison =
      baseline === undefined
        ? undefined
        : compareWithBaseline(
            baseline,
            result.finished.flatMap((workload) => workload.rows),
          );
    return `${JSON.stringify(buildJsonReport(machine, options, result, comparison), null, 2)}\n`;
  },
};
const MARKDOWN_FILE: ReportFile = { kind: 'Markdown', render: ({ machine, options, result, baseline }) => renderMarkdown(machine, options, result, baseline) };
const HTML_FILE: ReportFile = { kind: 'HTML', render: ({ machine, options, result }) => renderHtml(machine, options, result) };

/** Where the console says what was written, and how wide its lines may be. */
export interface Announce {
  width: number;
  write(text: string): void;
}

/**
 * The reports a run asked for (`--json`, `--markdown`, `--html`), kept whole on disk as the run goes: each is written once now, before anything is measured, so
 * that a path that cannot be written is found at once (an {@link InvalidOptionsError}, which the
 * CLI turns into exit status 2); rewritten after each workload (a failed write warns and waits for
 * the next); and written a last time at the end, which the console then announces.
 */
export function openFileReporters(context: ReportContext, announce: Announce, warn: (message: string) => void): Reporter[] {
  const { options } = context;
  const asked: Array<[string | undefined, ReportFile]> = [
    [options.json, JSON_FILE],
    [options.markdown, MARKDOWN_FILE],
    [options.html, HTML_FILE],
  ];
  return asked.flatMap(([file, report]) => (file === undefined ? [] : [fileReporter(resolve(file), report, context, announce, warn)]));
}

/** One file, written now. */
function fileReporter(path: string, report: ReportFile, initial: ReportContext, announce: Announce, warn: (message: string) => void): Reporter {
  const write = (context: ReportContext): void => {
    try {
      writeAtomically(path, report.render(context));
    } catch (error) {
      throw new InvalidOptionsError(`cannot write the ${report.kind} report to ${path}: ${messageOf(error)}`, { cause: error });
    }
  };
  write(initial);
  return {
    onWorkload(context) {
      try {
        write(context);
      } catch (error) {
        warn(`${messageOf(error)}; the run goes on, and tries again after the next workload`);
      }
    },
    onEnd(context, error) {
      if (error !== undefined) return;
      write(context);
      announce.write(fitLines(`${report.kind} written to ${path}\n`, announce.width));
    },
  };
}
