import pc from 'picocolors';
import { compareWithBaseline } from '../analysis/baseline.js';
import type { Baseline, MachineInfo, Reporter, RowComparison } from '../model/index.js';
import { formatRatio } from './format.js';
import { fitLines, terminalTable } from './terminal.js';
import { rowLabel } from './wording.js';

/** The comparison's rows, the same in the terminal and in Markdown: what changed, per combination. */
export function comparisonTable(comparisons: readonly RowComparison[]): { head: string[]; rows: string[][] } {
  return {
    head: ['workload', 'combination', 'baseline', 'now', 'change'],
    rows: comparisons.map((c) => [
      c.workload,
      rowLabel(c),
      formatRatio(c.baselineSpeedup),
      formatRatio(c.speedup),
      c.ratio === null ? c.change : `${c.change} (${c.ratio.toFixed(2)}×)`,
    ]),
  };
}

/** What the comparison is and the rule it calls changes by, and what differs between the two machines, if anything. */
export function comparisonTitle(baseline: Baseline, machine: MachineInfo): string {
  const title = `Compared with ${baseline.file} (${baseline.createdAt}); speed-ups over the plain loop, a change only where the two runs' 95% intervals do not overlap`;
  const differing = (Object.keys(machine) as Array<keyof MachineInfo>).filter((key) => String(machine[key]) !== String(baseline.machine[key]));
  if (differing.length === 0) return title;
  const details = differing.map((key) => `${key} ${String(baseline.machine[key])} then, ${String(machine[key])} now`).join('; ');
  return `${title}. The baseline ran elsewhere: ${details}`;
}

/** The comparison as a terminal table, changes in colour. */
export function renderComparison(baseline: Baseline, machine: MachineInfo, comparisons: readonly RowComparison[]): string {
  const { head, rows } = comparisonTable(comparisons);
  const table = terminalTable(head, ['left', 'left', 'right', 'right', 'left']);
  const paint = { faster: pc.green, slower: pc.red, same: pc.dim, new: pc.dim } as const;
  for (const [i, c] of comparisons.entries()) table.push((rows[i] ?? []).map((cell, column) => (column === 4 ? paint[c.change](cell) : cell)));
  return `${comparisonTitle(baseline, machine)}:\n${table.toString()}\n`;
}

/** `--compare`: after the run, each row against the same row of the baseline, on the console. */
export function createComparisonReporter(baseline: Baseline, width: number, write: (text: string) => void): Reporter {
  return {
    onEnd(context, error) {
      if (error !== undefined) return;
      const rows = context.result.finished.flatMap((workload) => workload.rows);
      write(fitLines(`\n${renderComparison(baseline, context.machine, compareWithBaseline(baseline, rows))}`, width));
    },
  };
}
