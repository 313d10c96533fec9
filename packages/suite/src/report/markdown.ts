import { compareWithBaseline } from '../analysis/baseline.js';
import type { Baseline, MachineInfo, SuiteOptions, SuiteResult } from '../model/index.js';
import { comparisonTable, comparisonTitle } from './comparison.js';
import { formatValue } from './format.js';
import { againstTheLoopLines, columnsFor, compactColumns, PAGE_COMPACT, workloadNotes } from './rows.js';
import { acrossLines, compatibilityTable } from './runtime-tables.js';
import { failureText, isFailed, manyRuntimes, rowLabel, runFacts, verdictRule, verdictText, workloadTitle } from './wording.js';

/** Cells of the bar in the Markdown tables: narrow enough for a pull-request comment. */
const BAR_CELLS = 12;

/**
 * The run as Markdown, ready to paste into a pull-request comment: the machine, every verdict, then
 * per workload its verdict, a compact table with a bar per row, and hyperfine-style lines; with
 * `--compare`, the comparison too. The full columns are in the JSON and HTML reports.
 */
export function renderMarkdown(machine: MachineInfo, options: SuiteOptions, result: SuiteResult, baseline?: Baseline): string {
  const many = manyRuntimes(result.finished);
  const lines = [
    '# parabench results',
    '',
    ...runFacts(machine, options).map(([label, text]) => `- ${label}: ${text}`),
    ...(result.remaining.length > 0
      ? [`- **Incomplete**: ${result.remaining.join(', ')} still to run (\`parabench --resume\` with this run's JSON report finishes it)`]
      : []),
    '',
    '## Verdicts',
    '',
    ...result.finished.map((run) => `- **${workloadTitle(run, many)}**: ${verdictText(run.verdict, run.sweep !== undefined)}`),
    ...acrossLines(result.finished).map((line) => `- ${line}`),
    '',
    `Rule: ${verdictRule(options.margin / 100)}.`,
  ];
  for (const run of result.finished) {
    const columns = run.sweep === undefined ? compactColumns(run, BAR_CELLS, { columns: PAGE_COMPACT }) : columnsFor(run);
    lines.push(
      '',
      `## ${workloadTitle(run, many)}${run.sweep === 'chunk-size' ? ' (chunk-size sweep)' : ''}`,
      '',
      `${run.items.toLocaleString('en-US')} items. ${run.description}`,
      '',
    );
    lines.push(`**Verdict:** ${verdictText(run.verdict, run.sweep !== undefined)}`, '');
    lines.push(
      `| ${columns.map((c) => c.head).join(' | ')} |`,
      `|${columns.map((c) => ({ left: ' --- ', right: ' ---: ', center: ' :---: ' })[c.align]).join('|')}|`,
    );
    for (const row of run.rows) lines.push(`| ${columns.map((c) => c.cell(row, run).replace(/\|/g, '\\|')).join(' | ')} |`);
    const notes = workloadNotes(run);
    if (notes.length > 0) lines.push('', ...notes.map((note) => `- ${note}`));
    const summary = againstTheLoopLines(run);
    if (summary.length > 0) lines.push('', ...summary.map((line) => `- ${line}`));
    if (run.reduced !== undefined) lines.push('', `Reference result: ${formatValue(run.reduced)}.`);
    for (const row of run.rows.filter(isFailed)) lines.push(`- **${rowLabel(row)} failed**: ${failureText(row)}`);
  }
  if (many) {
    const { runtimes, backends, cell } = compatibilityTable(result.finished);
    lines.push('', '## What runs where', '', `| backend | ${runtimes.join(' | ')} |`, `| --- |${runtimes.map(() => ' :---: ').join('|')}|`);
    for (const backend of backends) lines.push(`| ${backend} | ${runtimes.map((runtime) => cell(runtime, backend)).join(' | ')} |`);
  }
  if (baseline !== undefined) {
    const { head, rows } = comparisonTable(
      compareWithBaseline(
        baseline,
        result.finished.flatMap((run) => run.rows),
      ),
    );
    lines.push('', '## Compared with a baseline', '', `${comparisonTitle(baseline, machine)}.`, '');
    lines.push(`| ${head.join(' | ')} |`, `| --- | --- | ---: | ---: | --- |`, ...rows.map((row) => `| ${row.join(' | ')} |`));
  }
  return `${lines.join('\n')}\n`;
}
