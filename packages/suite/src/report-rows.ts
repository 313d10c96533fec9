import { formatInterval, formatMicros, formatMs, formatRatio, rowLabel } from './format.js';
import type { RowResult, WorkloadRun } from './results.js';
import { drawBar } from './terminal.js';

/** One column of a results table, the same in every report. */
export interface Column {
  head: string;
  align: 'left' | 'right' | 'center';
  cell(row: RowResult, run: WorkloadRun): string;
}

const RUNS_ON = { 'main-thread': 'main thread', threads: 'threads', processes: 'processes' } as const;

/** Marks a speed-up whose interval is still wider than asked when the budget ran out. */
const OUT_OF_BUDGET_MARK = '~';
/** Marks a row whose efficiency would be a measurement fault. */
const FAULT_MARK = 'fault';

const isReference = (row: RowResult, run: WorkloadRun): boolean => row === run.rows[0];

const column = {
  combination: { head: 'combination', align: 'left', cell: (row, run) => rowLabel(row, run.sweep !== undefined) },
  backend: { head: 'backend', align: 'left', cell: (row) => row.backend },
  runsOn: { head: 'runs on', align: 'left', cell: (row) => RUNS_ON[row.runsOn] },
  workers: { head: 'workers', align: 'right', cell: (row) => String(row.workers) },
  chunk: {
    head: 'chunk size',
    align: 'right',
    cell: (row) => (row.chunkSize === null ? '—' : `${row.chunkSize}${row.chunkSizeAuto === true && row.chunkSize !== 'auto' ? ' (auto)' : ''}`),
  },
  messages: {
    head: 'messages per map',
    align: 'right',
    cell: (row, run) => (typeof row.chunkSize === 'number' ? Math.ceil(run.items / row.chunkSize).toLocaleString('en-US') : '—'),
  },
  time: { head: 'time (median)', align: 'right', cell: (row) => formatMs(row.p50Ms) },
  speedup: {
    head: 'speed-up [95% CI]',
    align: 'right',
    cell: (row, run) => {
      if (row.speedup === null) return '—';
      if (isReference(row, run)) return '1× (the loop)';
      return `${formatRatio(row.speedup)} ${formatInterval(row.speedupInterval)}${row.outOfBudget ? ` ${OUT_OF_BUDGET_MARK}` : ''}`;
    },
  },
  efficiency: {
    head: 'efficiency',
    align: 'right',
    cell: (row) => (row.fault !== undefined ? FAULT_MARK : row.efficiency === null ? '—' : row.efficiency.toFixed(2)),
  },
  cpu: { head: 'CPU / map', align: 'right', cell: (row) => formatMs(row.cpuMs) },
  cpuRatio: { head: 'CPU ×', align: 'right', cell: (row) => (row.cpuRatio === null ? '—' : `${row.cpuRatio.toFixed(2)}×`) },
  memory: { head: 'peak RSS', align: 'right', cell: (row) => (row.peakRssMb === null ? '—' : `${Math.round(row.peakRssMb)} MiB`) },
  startup: { head: 'start-up', align: 'right', cell: (row) => formatMs(row.startupMs) },
  firstMap: { head: 'first map', align: 'right', cell: (row) => formatMs(row.firstMapMs) },
  overhead: {
    head: 'overhead per item',
    align: 'right',
    cell: (row, run) => (row.overheadPerItemUs === null || isReference(row, run) ? '—' : formatMicros(row.overheadPerItemUs)),
  },
  rounds: { head: 'rounds', align: 'right', cell: (row) => String(row.samples) },
  agrees: {
    head: 'agrees',
    align: 'center',
    cell: (row) => (row.status === 'ok' ? '✓' : row.status === 'mismatch' ? '✗' : `error: ${row.error?.code ?? ''}`),
  },
  agreesShort: {
    head: 'agrees',
    align: 'center',
    cell: (row) => (row.status === 'ok' ? '✓' : row.status === 'mismatch' ? '✗' : 'error'),
  },
} satisfies Record<string, Column>;

/** The matrix: what a person decides by, then what explains it. */
const MATRIX: Column[] = [
  column.backend,
  column.runsOn,
  column.workers,
  column.chunk,
  column.time,
  column.speedup,
  column.efficiency,
  column.cpu,
  column.cpuRatio,
  column.memory,
  column.startup,
  column.firstMap,
  column.rounds,
  column.agrees,
];

/** The sweep: how the cost per item falls as chunks grow. */
const SWEEP: Column[] = [
  column.backend,
  column.workers,
  column.chunk,
  column.messages,
  column.time,
  column.overhead,
  column.speedup,
  column.rounds,
  column.agrees,
];

/**
 * What a person decides by, for the terminal: the speed-up (a bar goes beside it), what it costs in
 * CPU, how long it takes to start, and whether it agrees. `--wide` shows {@link MATRIX}.
 */
const COMPACT: Column[] = [column.combination, column.speedup, column.cpuRatio, column.startup, column.agreesShort];

/** The columns of a workload's table: every column, or with `compact` the few a person decides by. */
export function columnsFor(run: WorkloadRun, compact = false): Column[] {
  if (run.sweep === 'chunk-size') return SWEEP;
  return compact ? COMPACT : MATRIX;
}

/** The compact columns with a bar of each row's speed-up after the speed-up, `barWidth` cells wide. */
export function compactColumns(run: WorkloadRun, barWidth: number): Column[] {
  const scale = Math.max(1, ...run.rows.map((row) => row.speedup ?? 0));
  const bar: Column = { head: `bar (0–${formatRatio(scale)})`, align: 'left', cell: (row) => drawBar(row.speedup ?? 0, scale, barWidth) };
  return [...COMPACT.slice(0, 2), bar, ...COMPACT.slice(2)];
}

/**
 * hyperfine-style lines from the paired speed-ups: "worker-threads × 2 ran 1.96 [1.93–1.99] times
 * faster than the plain loop".
 */
export function comparisonLines(run: WorkloadRun): string[] {
  const sweep = run.sweep === 'chunk-size';
  return run.rows
    .filter((row) => !isReference(row, run) && row.status === 'ok' && row.speedup !== null && row.speedupInterval !== null)
    .map((row) => {
      const faster = (row.speedup as number) >= 1;
      const [low, high] = row.speedupInterval as [number, number];
      const shown = faster ? (row.speedup as number) : 1 / (row.speedup as number);
      const interval = formatInterval(faster ? [low, high] : [1 / high, 1 / low]);
      return `${rowLabel(row, sweep)} ran ${shown.toFixed(2)} ${interval} times ${faster ? 'faster' : 'slower'} than the plain loop`;
    });
}

/** The notes a workload's table needs: capacity over its rounds, out-of-budget rows, faults. */
export function workloadNotes(run: WorkloadRun, precisionPercent: number): string[] {
  const notes: string[] = [];
  if (run.capacity.length > 0) {
    const figures = run.capacity.map((c) => `${c.workers} → ${c.median.toFixed(2)}× (${c.low.toFixed(2)}–${c.high.toFixed(2)})`).join(', ');
    notes.push(`Capacity over ${run.rounds} rounds, median (range): ${figures}.`);
  }
  const outOfBudget = run.rows.filter((row) => row.outOfBudget);
  if (outOfBudget.length > 0) {
    notes.push(
      `${OUT_OF_BUDGET_MARK} out of budget: ${outOfBudget.map((row) => rowLabel(row, run.sweep !== undefined)).join(', ')} still wider than ±${precisionPercent}% when the time budget ran out (give it more with --time).`,
    );
  }
  for (const row of run.rows) if (row.fault !== undefined) notes.push(`${FAULT_MARK}: ${rowLabel(row, run.sweep !== undefined)}: ${row.fault}.`);
  return notes;
}
