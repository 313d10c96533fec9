import { formatValue } from './format.js';
import type { MachineInfo } from './machine.js';
import type { SuiteOptions } from './options.js';
import { comparisonLines, REPORT_COLUMNS, reportCells } from './report-rows.js';
import type { SuiteResult } from './run-suite.js';

/** The run as Markdown: the machine, the capacity, then per workload a table and hyperfine-style summary lines. */
export function renderMarkdown(machine: MachineInfo, options: SuiteOptions, result: SuiteResult): string {
  const capacity = (when: 'before' | 'after'): string =>
    Object.entries(result.capacity[when].byWorkers)
      .map(([workers, value]) => `${workers} → ${value.toFixed(2)}×`)
      .join(', ');
  const lines = [
    '# parabench results',
    '',
    `- CPU: ${machine.cpuModel}; ${machine.physicalCores ?? '?'} physical / ${machine.logicalCores} logical cores, availableParallelism ${machine.availableParallelism}, CPU quota ${machine.cpuQuota ?? 'none'}`,
    `- Node ${machine.node} on ${machine.platform}/${machine.arch}, ${machine.totalMemoryGiB} GiB`,
    `- Run: size ${options.size}, seed ${options.seed}, workers ${options.workers.join(', ')}, chunk size ${options.chunkSize}${options.gc ? ', --gc' : ''}`,
    `- Capacity: ${capacity('before')} before the matrix; ${capacity('after')} after`,
  ];
  for (const run of result.runs) {
    lines.push('', `## ${run.workload}${run.sweep === 'chunk-size' ? ' (chunk-size sweep)' : ''}`, '', `${run.items.toLocaleString('en-US')} items. ${run.description}`, '');
    lines.push(`| ${REPORT_COLUMNS.join(' | ')} |`, `|${REPORT_COLUMNS.map(() => ' --- ').join('|')}|`);
    for (const row of run.rows) lines.push(`| ${reportCells(row).map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`);
    const summary = comparisonLines(run);
    if (summary.length > 0) lines.push('', ...summary.map((line) => `- ${line}`));
    if (run.reduced !== undefined) lines.push('', `Reference result: ${formatValue(run.reduced)}.`);
    const failed = run.rows.filter((row) => row.status !== 'ok');
    for (const row of failed) {
      const why = row.mismatch !== undefined ? `results differ at ${row.mismatch.path}: expected ${row.mismatch.expected}, got ${row.mismatch.actual}` : `[${row.error?.code}] ${row.error?.message}`;
      lines.push(`- **${row.backend} × ${row.workers} failed**: ${why}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
