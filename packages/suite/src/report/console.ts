import pc from 'picocolors';
import type { MachineInfo, SuiteOptions, WorkloadResult } from '../model/index.js';
import { formatValue } from './format.js';
import { columnsFor, compactColumns, workloadNotes } from './rows.js';
import { fitLines, terminalTable } from './terminal.js';
import { acrossLines, compatibilityTable } from './runtime-tables.js';
import { failureText, isFailed, manyRuntimes, rowLabel, runFacts, verdictRule, verdictText, workloadTitle } from './wording.js';

/** The console's header: the machine and the run's settings, aligned. */
export function renderHeader(machine: MachineInfo, options: SuiteOptions, width = Infinity): string {
  const lines = [pc.bold('parabench'), ...runFacts(machine, options).map(([label, text]) => `${label.padEnd(HEADER_LABEL)} ${text}`), ''];
  return fitLines(lines.join('\n'), width, ' '.repeat(HEADER_LABEL + 1));
}

/** The width of the header's labels. */
const HEADER_LABEL = 8;

/** How the console lays a workload out: every column (`--wide`), or the few a person decides by, fitted to `width`; the runtime named when there are several. */
export interface ConsoleLayout {
  wide: boolean;
  width: number;
  runtimes?: boolean;
}

/** Cells around a column in cli-table3: a border and a space either side. */
const COLUMN_FRAME = 3;
/** The bar column's width, within what the terminal leaves. */
const BAR_WIDTH = { min: 6, max: 30 } as const;

/** A workload: its verdict first, then the table, then what the table needs explained. */
export function renderWorkload(run: WorkloadResult, layout: ConsoleLayout = { wide: true, width: Infinity }): string {
  const text: string[] = [
    `${pc.bold(workloadTitle(run, layout.runtimes === true))}: ${run.items.toLocaleString('en-US')} items. ${run.description}`,
    `${pc.bold('Verdict:')} ${verdictText(run.verdict, run.sweep !== undefined)}`,
  ];
  let columns = columnsFor(run, !layout.wide);
  if (!layout.wide && run.sweep === undefined) {
    // The bar goes right after the speed-up, in whatever room the other columns leave.
    const used = columns.reduce((sum, c) => sum + Math.max(c.head.length, ...run.rows.map((row) => c.cell(row, run).length)) + COLUMN_FRAME, 1);
    const width = Math.min(BAR_WIDTH.max, layout.width - used - COLUMN_FRAME);
    if (width >= BAR_WIDTH.min) columns = compactColumns(run, width, { fitHead: true });
  }
  const table = terminalTable(
    columns.map((c) => c.head),
    columns.map((c) => c.align),
  );
  for (const row of run.rows) table.push(columns.map((c) => paint(c.cell(row, run))));
  const notes: string[] = [];
  if (run.reduced !== undefined) notes.push(`Reference result: ${formatValue(run.reduced)}.`);
  notes.push(...workloadNotes(run).map((note) => pc.yellow(note)));
  if (run.sweep === undefined && run.rows.some((row, i) => i > 0 && row.runsOn === 'main-thread')) {
    notes.push(pc.dim('Backends on the main thread take turns on one core: CPU-bound work gets no speed-up there (≈1.00×), only work that waits does.'));
  }
  const fit = (lines: string[]): string => fitLines(lines.join('\n'), layout.width);
  return `${fit(text)}\n${table.toString()}\n${notes.length > 0 ? `${fit(notes)}\n` : ''}`;
}

function paint(cell: string): string {
  if (cell === '✓') return pc.green(cell);
  if (cell === '✗' || cell.startsWith('error') || cell.startsWith('✗ ')) return pc.red(cell);
  return cell;
}

/** Every workload's verdict together, after the last table. */
export function renderVerdicts(runs: readonly WorkloadResult[], width = Infinity): string {
  if (runs.length === 0) return '';
  const many = manyRuntimes(runs);
  const lines = [pc.bold('Verdicts'), ...runs.map((run) => `  ${pc.bold(workloadTitle(run, many))}: ${verdictText(run.verdict, run.sweep !== undefined)}`)];
  lines.push(...acrossLines(runs).map((line) => `  ${line}`));
  lines.push(pc.dim(`  Rule: ${verdictRule(runs[0]?.verdict.margin ?? 0)}.`));
  return `${fitLines(lines.join('\n'), width, '    ')}\n`;
}

/** Which combinations failed, each with its first difference or its error; or one line saying all agreed. */
export function renderSummary(runs: readonly WorkloadResult[], width = Infinity): string {
  const rows = runs.flatMap((run) => run.rows);
  const failed = rows.filter(isFailed);
  if (failed.length === 0) return pc.green(`All ${rows.length} combinations agree with the sequential reference.\n`);
  const lines = [pc.red(`${failed.length} of ${rows.length} combinations failed:`)];
  const many = manyRuntimes(runs);
  const where = (row: (typeof failed)[number]): string =>
    `${row.workload}${many ? ` on ${runs.find((run) => run.rows.includes(row))?.runtime}` : ''} · ${rowLabel(row)}`;
  for (const row of failed) lines.push(`  ${where(row)}: ${failureText(row)}`);
  return `${fitLines(lines.join('\n'), width, '    ')}\n`;
}

/** Which backend ran in which runtime, when the run measured in more than one: passes, fails with a code, or unsupported. */
export function renderCompatibility(runs: readonly WorkloadResult[], width = Infinity): string {
  if (!manyRuntimes(runs)) return '';
  const { runtimes, backends, cell } = compatibilityTable(runs);
  const table = terminalTable(['backend', ...runtimes], ['left', ...runtimes.map(() => 'center' as const)]);
  for (const backend of backends) table.push([backend, ...runtimes.map((runtime) => paint(cell(runtime, backend)))]);
  return `${fitLines(pc.bold('What runs where'), width)}\n${table.toString()}\n`;
}
