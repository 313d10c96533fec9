import Table from 'cli-table3';
import pc from 'picocolors';
import { formatValue, rowLabel } from './format.js';
import type { MachineInfo } from './machine.js';
import type { SuiteOptions } from './options.js';
import { columnsFor, workloadNotes } from './report-rows.js';
import type { WorkloadRun } from './results.js';

export function renderHeader(machine: MachineInfo, options: SuiteOptions): string {
  const physical = machine.physicalCores === null ? 'unknown' : String(machine.physicalCores);
  return [
    pc.bold('parabench'),
    `CPU      ${machine.cpuModel}`,
    `cores    ${physical} physical, ${machine.logicalCores} logical, availableParallelism ${machine.availableParallelism}, CPU quota ${machine.cpuQuota === null ? 'none' : machine.cpuQuota.toFixed(2)}`,
    `node     ${machine.node} on ${machine.platform}/${machine.arch}, ${machine.totalMemoryGiB} GiB memory`,
    `run      size ${options.size}, seed ${options.seed}, workers ${options.workers.join(',')}`,
    `rounds   paired and interleaved: ≥${options.minRounds} per row, until ±${options.precision}% or ${formatSeconds(options.time)} per workload`,
    '',
  ].join('\n');
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toLocaleString('en-US')} s` : `${ms} ms`;
}

/** A workload: its verdict first, then the table, then what the table needs explained. */
export function renderWorkload(run: WorkloadRun, options: Pick<SuiteOptions, 'precision'>): string {
  const lines = [`${pc.bold(run.workload)}: ${run.items.toLocaleString('en-US')} items. ${run.description}`];
  lines.push(`${pc.bold('Verdict:')} ${run.verdict.text}`);
  const columns = columnsFor(run);
  const table = new Table({
    head: columns.map((c) => c.head),
    colAligns: columns.map((c) => c.align),
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const row of run.rows) table.push(columns.map((c) => paint(c.cell(row, run))));
  lines.push(table.toString());
  if (run.reduced !== undefined) lines.push(`Reference result: ${formatValue(run.reduced)}.`);
  lines.push(...workloadNotes(run, options.precision).map((note) => pc.yellow(note)));
  if (run.sweep === undefined && run.rows.some((row, i) => i > 0 && row.runsOn === 'main-thread')) {
    lines.push(pc.dim('Backends on the main thread take turns on one core: CPU-bound work gets no speed-up there (≈1.00×), only work that waits does.'));
  }
  return `${lines.join('\n')}\n`;
}

function paint(cell: string): string {
  if (cell === '✓') return pc.green(cell);
  if (cell === '✗' || cell.startsWith('error')) return pc.red(cell);
  return cell;
}

/** Every workload's verdict together, after the last table. */
export function renderVerdicts(runs: readonly WorkloadRun[]): string {
  if (runs.length === 0) return '';
  const lines = [pc.bold('Verdicts'), ...runs.map((run) => `  ${pc.bold(run.workload)}: ${run.verdict.text}`)];
  lines.push(pc.dim(`  Rule: ${runs[0]?.verdict.rule}.`));
  return `${lines.join('\n')}\n`;
}

/** Which combinations failed, each with its first difference or its error; or one line saying all agreed. */
export function renderSummary(runs: readonly WorkloadRun[]): string {
  const rows = runs.flatMap((run) => run.rows);
  const failed = rows.filter((row) => row.status !== 'ok');
  if (failed.length === 0) return pc.green(`All ${rows.length} combinations agree with the sequential reference.\n`);
  const lines = [pc.red(`${failed.length} of ${rows.length} combinations failed:`)];
  for (const row of failed) {
    const where = `${row.workload} · ${rowLabel(row)}`;
    if (row.mismatch !== undefined) {
      const { index, path, expected, actual, reason } = row.mismatch;
      const at = index === null ? `at ${path || 'the top level'}` : `at item ${index}${path.replace(/^\[\d+\]/, '')}`;
      lines.push(`  ${where}: results differ ${at} (${reason}): expected ${expected}, got ${actual}`);
    } else if (row.error !== undefined) {
      lines.push(`  ${where}: [${row.error.code}] ${row.error.message}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
