import { extname } from 'node:path';
import { agreementOf, answerOf } from '../analysis/agreement.js';
import type { SuiteOptions, WorkloadResult } from '../model/index.js';
import { renderAgreement } from '../report/agreement.js';
import { renderVerdicts } from '../report/console.js';
import { fitLines, terminalWidth } from '../report/terminal.js';
import type { Catalog } from './catalog.js';
import { runMeasurements } from './run-command.js';

/**
 * `--repeat N`: the same command N times, each a whole run with fresh forks, then how far the runs
 * agree: the verdicts, the drift of the rows they decided on, and the calibration of the
 * intervals. With `--json FILE`, run i writes FILE with `-i` before its extension. Resolves to true
 * when every run was complete and every row agreed with the reference.
 */
export async function runRepeatedly(catalog: Catalog, options: SuiteOptions): Promise<boolean> {
  const width = terminalWidth();
  const runs: WorkloadResult[][] = [];
  let ok = true;
  for (let run = 1; run <= options.repeat; run++) {
    process.stdout.write(`${run === 1 ? '' : '\n'}Run ${run} of ${options.repeat}\n`);
    const json = options.json === undefined ? undefined : numbered(options.json, run);
    const { ok: complete, result } = await runMeasurements(
      catalog,
      { ...options, json, markdown: undefined, html: undefined, compare: undefined },
      undefined,
      true,
    );
    ok &&= complete;
    runs.push(result.finished);
    process.stdout.write(renderVerdicts(result.finished, width));
    if (json !== undefined) process.stdout.write(fitLines(`JSON written to ${json}\n`, width));
  }
  const agreement = renderAgreement(agreementOf(runs.map((finished) => finished.map(answerOf))));
  // Each line's wraps sit two spaces inside that line, whose own indent says what it belongs to.
  const fitted = agreement.split('\n').map((line) => fitLines(line, width, `${/^ */.exec(line)?.[0] ?? ''}  `));
  process.stdout.write(`\n${fitted.join('\n')}`);
  return ok;
}

/** `run.json` as run 2 writes it: `run-2.json`. */
function numbered(file: string, run: number): string {
  const extension = extname(file);
  return `${file.slice(0, file.length - extension.length)}-${run}${extension}`;
}
