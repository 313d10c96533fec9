import type { RowResult, WorkloadResult } from '../model/index.js';
import { formatInterval, formatMicros, formatMs, formatRatio } from './format.js';
import { drawBar } from './terminal.js';
import { dropText, faultText, loopText, rowLabel, varianceText } from './wording.js';

/** One column of a results table, the same in every report. */
export interface Column {
  head: string;
  align: 'left' | 'right' | 'center';
  cell(row: RowResult, run: WorkloadResult): string;
}

const RUNS_ON = { 'main-thread': 'main thread', threads: 'threads', processes: 'processes' } as const;

/** Marks a row whose efficiency would be a measurement fault. */
const FAULT_MARK = 'fault';

const isReference = (row: RowResult, run: WorkloadResult): boolean => row === run.rows[0];

/** Where a row stands, in a table cell: a few words, the note under the table says more. */
function standingCell(row: RowResult, run: WorkloadResult): string {
  if (row.status === 'ok' && row.dropped !== undefined) return `out, round ${row.dropped.round}`;
  const pays = run.verdict.outcome === 'pays';
  switch (row.standing) {
    case 'reference':
      return 'the loop';
    case 'fastest':
      return 'fastest';
    case 'equivalent':
      return '≈ fastest';
    case 'slower':
      return 'slower';
    case 'undecided':
      return pays ? 'undecided' : '—';
    case 'fault':
      return FAULT_MARK;
    default:
      return '—';
  }
}

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
  time: { head: 'time (median)', align: 'right', cell: (row) => formatMs(row.figures?.p50Ms ?? null) },
  speedup: {
    head: 'speed-up [95% CI]',
    align: 'right',
    cell: (row, run) => {
      if (row.figures === null) return '—';
      if (isReference(row, run)) return '1× (the loop)';
      const { median, low, high } = row.figures.speedup;
      return `${formatRatio(median)} ${formatInterval([low, high])}`;
    },
  },
  efficiency: {
    head: 'efficiency',
    align: 'right',
    cell: ({ figures }) => (figures?.fault !== undefined ? FAULT_MARK : (figures?.efficiency?.toFixed(2) ?? '—')),
  },
  cpu: { head: 'CPU / map', align: 'right', cell: (row) => formatMs(row.figures?.cpuMs ?? null) },
  cpuRatio: { head: 'CPU ×', align: 'right', cell: ({ figures }) => (figures?.cpuRatio == null ? '—' : `${figures.cpuRatio.toFixed(2)}×`) },
  memory: { head: 'peak RSS', align: 'right', cell: ({ figures }) => (figures?.peakRssMb == null ? '—' : `${Math.round(figures.peakRssMb)} MiB`) },
  startup: { head: 'start-up', align: 'right', cell: (row) => formatMs(row.startupMs) },
  firstMap: { head: 'first map', align: 'right', cell: (row) => formatMs(row.firstMapMs) },
  overhead: {
    head: 'overhead per item',
    align: 'right',
    cell: (row, run) => (row.figures?.overheadPerItemUs == null || isReference(row, run) ? '—' : formatMicros(row.figures.overheadPerItemUs)),
  },
  rounds: { head: 'rounds', align: 'right', cell: (row) => String(row.rounds) },
  forks: { head: 'forks', align: 'right', cell: (row) => String(row.forks) },
  runs: { head: 'forks/rounds', align: 'right', cell: (row) => `${row.forks}/${row.rounds}` },
  standing: { head: 'standing', align: 'left', cell: standingCell },
  agrees: {
    head: 'agrees',
    align: 'center',
    cell: (row) => (row.status === 'ok' ? '✓' : row.status === 'mismatch' ? '✗' : `error: ${row.error.code}`),
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
  column.forks,
  column.rounds,
  column.standing,
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
  column.runs,
  column.standing,
  column.agrees,
];

/**
 * What a person decides by, for the terminal: the speed-up (a bar goes beside it), where the row
 * stands in the verdict, how many rounds measured it (forks are in the line under the table), what
 * it costs in CPU, and whether it agrees. `--wide` shows {@link MATRIX}, start-up and forks among it.
 */
const COMPACT: Column[] = [column.combination, column.speedup, column.standing, column.rounds, column.cpuRatio, column.agreesShort];

/** The compact columns for a page that is not a terminal (Markdown): forks and start-up too. */
export const PAGE_COMPACT: Column[] = [column.combination, column.speedup, column.standing, column.runs, column.cpuRatio, column.startup, column.agreesShort];

/** The columns of a workload's table: every column, or with `compact` the few a person decides by. */
export function columnsFor(run: WorkloadResult, compact = false): Column[] {
  if (run.sweep === 'chunk-size') return SWEEP;
  return compact ? COMPACT : MATRIX;
}

/** Which compact columns to draw the bar among, and how. */
export interface BarLayout {
  /** The columns besides the bar. Default: the terminal's. */
  columns?: readonly Column[];
  /** Keep the bar column's head no wider than the bar (a terminal has no room to spare); its short form still names the scale. Default: false. */
  fitHead?: boolean;
}

/** Compact columns with a bar of each row's speed-up after the speed-up, `barWidth` cells wide. */
export function compactColumns(run: WorkloadResult, barWidth: number, { columns = COMPACT, fitHead = false }: BarLayout = {}): Column[] {
  const speedupOf = (row: RowResult): number => row.figures?.speedup.median ?? 0;
  const scale = Math.max(1, ...run.rows.map(speedupOf));
  const heads = [`bar (0–${formatRatio(scale)})`, `0–${formatRatio(scale)}`, 'bar'];
  const head = (fitHead ? heads.find((text) => text.length <= barWidth) : heads[0]) ?? 'bar';
  const bar: Column = { head, align: 'left', cell: (row) => drawBar(speedupOf(row), scale, barWidth) };
  return [...columns.slice(0, 2), bar, ...columns.slice(2)];
}

/**
 * hyperfine-style lines from the paired speed-ups: "worker-threads × 2 ran 1.96 [1.93–1.99] times
 * faster than the plain loop". A slower row says how many times slower, but its interval stays
 * the speed-up's ("ran 10.39 times slower than the plain loop: 0.096× its speed [0.060–0.15]"):
 * every interval on a page then means the same thing, and one above 1 always means faster.
 */
export function againstTheLoopLines(run: WorkloadResult): string[] {
  const sweep = run.sweep === 'chunk-size';
  return run.rows.flatMap((row) => {
    if (isReference(row, run) || row.status !== 'ok') return [];
    const { median, low, high } = row.figures.speedup;
    const label = rowLabel(row, sweep);
    if (median >= 1) return [`${label} ran ${median.toFixed(2)} ${formatInterval([low, high])} times faster than the plain loop`];
    return [`${label} ran ${(1 / median).toFixed(2)} times slower than the plain loop: ${formatRatio(median)} its speed ${formatInterval([low, high])}`];
  });
}

/** The notes a workload's table needs: capacity over its rounds, where the variance lies, rows out of the race, faults. */
export function workloadNotes(run: WorkloadResult): string[] {
  const sweep = run.sweep !== undefined;
  const notes: string[] = [];
  const shared = run.capacity.filter((c) => c.workers > 1);
  if (shared.length > 0 && run.rounds > 0) {
    // A median and a spread, never two bounds: beside the speed-ups' intervals, a capacity range
    // above 1 reads as a row that beats the loop next to a verdict that says none does.
    const figures = shared.map((c) => `${c.workers} → ${c.median.toFixed(2)} cores, its rounds spread over ${(c.max - c.min).toFixed(2)} of a core`).join('; ');
    notes.push(
      `Capacity of the machine (the cores' worth of work N copies of one core's work got at once; not a speed-up), median over ${run.rounds} rounds in ${run.forks} fork${run.forks === 1 ? '' : 's'}: ${figures}.`,
    );
  }
  if (run.variance !== undefined) notes.push(varianceText(run.variance));
  const loop = loopText(run, 'the first runtime');
  if (loop !== undefined) notes.push(`${loop}.`);
  for (const row of run.rows) if (row.status === 'ok' && row.dropped !== undefined) notes.push(`${rowLabel(row, sweep)}: ${dropText(row.dropped, sweep)}.`);
  for (const row of run.rows) {
    const fault = faultText(row);
    if (fault !== undefined) notes.push(`${FAULT_MARK}: ${rowLabel(row, run.sweep !== undefined)}: ${fault}.`);
  }
  return notes;
}
