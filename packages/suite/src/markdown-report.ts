import { formatValue } from './format.js';
import type { MachineInfo } from './machine.js';
import type { SuiteOptions } from './options.js';
import { comparisonTable, comparisonTitle, type RowComparison } from './compare.js';
import type { JsonReport } from './json-report.js';
import { columnsFor, comparisonLines, compactColumns, workloadNotes } from './report-rows.js';
import type { SuiteResult } from './run-suite.js';
import { VERDICT_RULE } from './verdict.js';

/** Cells of the bar in the Markdown tables: narrow enough for a pull-request comment. */
const BAR_CELLS = 12;

/**
 * The run as Markdown, ready to paste into a pull-request comment: the machine, every verdict, then
 * per workload its verdict, a compact table with a bar per row, and hyperfine-style lines; with
 * `--compare`, the comparison too. The full columns are in the JSON and HTML reports.
 */
export function renderMarkdown(
  machine: MachineInfo,
  options: SuiteOptions,
  result: SuiteResult,
  comparison?: { file: string; baseline: JsonReport; rows: readonly RowComparison[] },
): string {
  const lines = [
    '# parabench results',
    '',
    `- CPU: ${machine.cpuModel}; ${machine.physicalCores ?? '?'} physical / ${machine.logicalCores} logical cores, availableParallelism ${machine.availableParallelism}, CPU quota ${machine.cpuQuota ?? 'none'}`,
    `- Node ${machine.node} on ${machine.platform}/${machine.arch}, ${machine.totalMemoryGiB} GiB`,
    `- Run: size ${options.size}, seed ${options.seed}, workers ${options.workers.join(', ')}, chunk size ${options.chunkSize}${options.gc ? ', --gc' : ''}`,
    `- Method: paired, interleaved rounds (≥ ${options.minRounds} per row, until ±${options.precision}% or ${options.time} ms per workload); a capacity probe in every round`,
    ...(result.remaining.length > 0
      ? [`- **Incomplete**: ${result.remaining.join(', ')} still to run (\`parabench --resume\` with this run's JSON report finishes it)`]
      : []),
    '',
    '## Verdicts',
    '',
    ...result.runs.map((run) => `- **${run.workload}**: ${run.verdict.text}`),
    '',
    `Rule: ${VERDICT_RULE}.`,
  ];
  for (const run of result.runs) {
    const columns = run.sweep === undefined ? compactColumns(run, BAR_CELLS) : columnsFor(run);
    lines.push(
      '',
      `## ${run.workload}${run.sweep === 'chunk-size' ? ' (chunk-size sweep)' : ''}`,
      '',
      `${run.items.toLocaleString('en-US')} items. ${run.description}`,
      '',
    );
    lines.push(`**Verdict:** ${run.verdict.text}`, '');
    lines.push(
      `| ${columns.map((c) => c.head).join(' | ')} |`,
      `|${columns.map((c) => ({ left: ' --- ', right: ' ---: ', center: ' :---: ' })[c.align]).join('|')}|`,
    );
    for (const row of run.rows) lines.push(`| ${columns.map((c) => c.cell(row, run).replace(/\|/g, '\\|')).join(' | ')} |`);
    const notes = workloadNotes(run, options.precision);
    if (notes.length > 0) lines.push('', ...notes.map((note) => `- ${note}`));
    const summary = comparisonLines(run);
    if (summary.length > 0) lines.push('', ...summary.map((line) => `- ${line}`));
    if (run.reduced !== undefined) lines.push('', `Reference result: ${formatValue(run.reduced)}.`);
    for (const row of run.rows.filter((r) => r.status !== 'ok')) {
      const why =
        row.mismatch !== undefined
          ? `results differ at ${row.mismatch.path}: expected ${row.mismatch.expected}, got ${row.mismatch.actual}`
          : `[${row.error?.code}] ${row.error?.message}`;
      lines.push(`- **${row.backend} × ${row.workers} failed**: ${why}`);
    }
  }
  if (comparison !== undefined) {
    const { head, rows } = comparisonTable(comparison.rows);
    lines.push('', '## Compared with a baseline', '', `${comparisonTitle(comparison.file, comparison.baseline)}.`, '');
    lines.push(`| ${head.join(' | ')} |`, `| --- | --- | ---: | ---: | --- |`, ...rows.map((row) => `| ${row.join(' | ')} |`));
  }
  return `${lines.join('\n')}\n`;
}
