import type { AcrossRuntimes, Compatibility, RuntimeEntry } from '../analysis/runtimes.js';
import type {
  Drop,
  FailedRow,
  MachineInfo,
  RatedEntry,
  RowResult,
  SuiteOptions,
  VarianceSplit,
  Verdict,
  VerdictEntry,
  WorkloadResult,
} from '../model/index.js';
import { formatInterval, formatRatio } from './format.js';

/** The one way a row is named everywhere: `worker-threads × 2`, and its chunk size in a sweep. */
export function rowLabel(
  row: { backend: string; workers: number; chunkSize?: number | 'auto' | null | undefined; chunkSizeAuto?: boolean | undefined },
  sweep = false,
): string {
  if (!sweep || row.chunkSize == null) return `${row.backend} × ${row.workers}`;
  return `${row.backend} × ${row.workers} (chunk ${row.chunkSize}${row.chunkSizeAuto === true && row.chunkSize !== 'auto' ? ', auto' : ''})`;
}

/** A fraction as a percentage for the reader: `3%`, `2.5%`. */
export function formatMargin(margin: number): string {
  return `${Number((margin * 100).toPrecision(3))}%`;
}

/** How every verdict is decided, stated in every report. */
export function verdictRule(margin: number): string {
  const m = formatMargin(margin);
  return (
    "speed-up: the reference's time ÷ the row's, paired in each round; its 95% interval spans forks and rounds, the spread between forks (fresh processes) in it: the row's own, or its workload's typical one, whichever is wider. " +
    `Parallelising pays when some row's interval lies above 1. Against the fastest (the highest speed-up), a row is equivalent when the 90% interval of their ratio lies within ±${m} (two one-sided tests), ` +
    `slower when its interval lies below 1 at 95% for all the rows compared together (Bonferroni), and undecided otherwise. It does not pay when every row still in the race has its interval below ${(1 + margin).toFixed(2)}×. ` +
    `Racing stops timing a row once it is shown worse than the leader by more than ${m}, at an error rate of 5% spent over all looks (α·6/(π²j²) at look j); the loop is never dropped, nor the leader, which answers for every row shown worse than it whether parallelising pays`
  );
}

/** The whole answer for one workload in one sentence or two. */
export function verdictText(verdict: Verdict, sweep: boolean): string {
  const label = (entry: VerdictEntry): string => rowLabel(entry, sweep);
  const rated = (entry: RatedEntry): string => `${label(entry)} at ${formatRatio(entry.speedup)} ${formatInterval(entry.interval)}`;
  const margin = formatMargin(verdict.margin);
  const leftOut = verdict.faults.length === 0 ? '' : ` Left out as faults of the measurement: ${verdict.faults.map(label).join(', ')}.`;
  switch (verdict.outcome) {
    case 'no-answer':
      return `No combination completed, so there is no answer: see the failures below.${leftOut}`;
    case 'does-not-pay':
      return `Parallelising ${verdict.workload} does not pay on this machine: nothing beats the plain loop by more than ${margin} (best: ${rated(verdict.best)}).${leftOut}`;
    case 'undecided': {
      const swing = verdict.capacitySwing;
      const swung =
        swing === undefined
          ? ''
          : `; the machine's capacity at ${swing.workers} workers swung from ${formatRatio(swing.min)} to ${formatRatio(swing.max)} during the run`;
      return `Undecided whether parallelising ${verdict.workload} pays on this machine (best: ${rated(verdict.best)})${swung}; ${moreTime([verdict.moreSeconds], 'it')}.${leftOut}`;
    }
    case 'pays': {
      const { fastest, equivalent, undecided } = verdict;
      const parts = [
        `${label(fastest)} is fastest${undecided.length > 0 ? ' so far' : ''}: ${formatRatio(fastest.speedup)} the plain loop ${formatInterval(fastest.interval)}`,
      ];
      if (equivalent.length > 0) parts.push(`equivalent within ±${margin}: ${equivalent.map(label).join(', ')}`);
      if (undecided.length > 0)
        parts.push(
          `undecided against it: ${undecided.map(label).join(', ')} (${moreTime(
            undecided.map((entry) => entry.moreSeconds),
            'them',
          )})`,
        );
      if (equivalent.length === 0 && undecided.length === 0) parts.push('every other combination is slower');
      return `${parts.join('; ')}.${leftOut}`;
    }
  }
}

/** "about 40 s more would decide them", or that no run could afford it. */
function moreTime(seconds: ReadonlyArray<number | null>, what: string): string {
  if (seconds.some((value) => value === null)) return `more forks than one run affords would be needed to decide ${what}`;
  const most = Math.max(0, ...seconds.filter((value): value is number => value !== null));
  return `about ${Math.max(1, Math.ceil(most))} s more would decide ${what} (--time)`;
}

/** Why and when racing dropped a row: "out after round 4: 0.52× the leader (worker-threads × 2) [0.49–0.55]". */
export function dropText(drop: Drop, sweep = false): string {
  const { median, low, high } = drop.ratio;
  return `out after round ${drop.round}: ${formatRatio(median)} the leader (${rowLabel(drop.leader, sweep)}) ${formatInterval([low, high])}`;
}

/** Whether a row disagreed with the reference or failed. */
export const isFailed = (row: RowResult): row is FailedRow => row.status !== 'ok';

/** Why a row's efficiency is a fault of the measurement and not a result; undefined when it is not. */
export function faultText(row: RowResult): string | undefined {
  const fault = row.figures?.fault;
  if (row.figures == null || fault === undefined) return undefined;
  const { speedup, ceiling } = row.figures;
  return (
    `efficiency ${fault.efficiency.toFixed(2)} cannot be: speed-up ${speedup.median.toFixed(2)}× against the ${ceiling?.toFixed(2)}× this machine could give ` +
    `at ${row.workers} worker${row.workers === 1 ? '' : 's'} in the same rounds; a fault of the measurement (the reference or the capacity probe was slowed more than this row), not a result`
  );
}

/** What went wrong with a failed row: its error with its code, or its first difference from the reference. */
export function failureText(row: FailedRow): string {
  if (row.status === 'error') return `[${row.error.code}] ${row.error.message}`;
  const { index, path, expected, actual, reason } = row.mismatch;
  const at = index === null ? `at ${path || 'the top level'}` : `at item ${index}${path.replace(/^\[\d+\]/, '')}`;
  return `results differ ${at} (${reason}): expected ${expected}, got ${actual}`;
}

/** A duration of settings, in seconds from one second up: `15 s`, `500 ms`. */
function formatBudget(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toLocaleString('en-US')} s` : `${ms} ms`;
}

/**
 * The machine and the run's settings, as every report heads itself with them: a label and its
 * text per line. The console aligns them, Markdown makes a list of them, HTML a table.
 */
export function runFacts(machine: MachineInfo, options: SuiteOptions): Array<[label: string, text: string]> {
  const quota = machine.cpuQuota === null ? 'none' : machine.cpuQuota.toFixed(2);
  return [
    ['CPU', machine.cpuModel],
    [
      'cores',
      `${machine.physicalCores ?? 'unknown'} physical, ${machine.logicalCores} logical, availableParallelism ${machine.availableParallelism}, CPU quota ${quota}`,
    ],
    ['node', `${machine.node} on ${machine.platform}/${machine.arch}, ${machine.totalMemoryGiB} GiB memory`],
    ...(machine.runtimes === undefined
      ? []
      : [
          ['runtimes', `${machine.runtimes.map(({ name, kind, version }) => `${name} (${kind} ${version})`).join(', ')}; each against its own loop`] as [
            string,
            string,
          ],
        ]),
    ['run', `size ${options.size}, seed ${options.seed}, workers ${options.workers.join(',')}, chunk size ${options.chunkSize}${options.gc ? ', --gc' : ''}`],
    [
      'rounds',
      `${options.forks} forks of ${options.rounds}+ paired rounds (${Math.max(2, options.rounds)}+ in the first), more while undecided (up to ${formatBudget(options.time)} a workload); margin ±${options.margin}%`,
    ],
  ];
}

/** Where a workload's variance lies, and what would narrow its intervals most. */
export function varianceText({ betweenForksShare, advice }: VarianceSplit): string {
  const forks = Math.round(betweenForksShare * 100);
  const next =
    advice === 'more forks'
      ? 'more forks (--forks) would narrow the intervals most'
      : advice === 'more rounds'
        ? 'more rounds in each fork (--rounds) would narrow the intervals most'
        : 'more forks or more rounds would narrow the intervals alike';
  return `Variance of the speed-ups: ${forks}% between forks (fresh processes), ${100 - forks}% between rounds; ${next}.`;
}

/** Whether the results come from more than one runtime: then every title and verdict names its runtime. */
export const manyRuntimes = (runs: readonly WorkloadResult[]): boolean => new Set(runs.map((run) => run.runtime)).size > 1;

/** A workload's name, with its runtime when the run measured in more than one. */
export function workloadTitle(run: WorkloadResult, withRuntime: boolean): string {
  return withRuntime ? `${run.workload} on ${run.runtime}` : run.workload;
}

/** How fast a runtime's loop is against the first runtime's: "bun's loop: 1.31× node's [1.20–1.43]". */
export function loopText(run: WorkloadResult, first: string): string | undefined {
  if (run.loop === undefined) return undefined;
  return `${run.runtime}'s loop: ${formatRatio(run.loop.median)} ${first}'s ${formatInterval([run.loop.low, run.loop.high])} (above 1: faster; forks of the two compared, not paired)`;
}

/** The answer across runtimes, on the first runtime's scale. */
export function acrossText(across: AcrossRuntimes): string {
  const label = (entry: RuntimeEntry): string => `${entry.runtime} · ${rowLabel(entry)}`;
  if (across.fastest === undefined) return 'no combination completed in any runtime.';
  const { fastest, undecided } = across;
  const rest = undecided.length === 0 ? 'every other is slower' : `not yet told from it: ${undecidedAcross(undecided, label)}`;
  return `${label(fastest)} is fastest: ${formatRatio(fastest.speedup)} ${across.scale}'s loop ${formatInterval(fastest.interval)}; ${rest} (intervals combined unpaired, across processes).`;
}

/** Past this many, the rows not yet told from the fastest are summed up by each runtime's best. */
const LISTED_ACROSS = 6;

/** The rows not yet told from the fastest: all of them when few, else each runtime's best and a count. */
function undecidedAcross(undecided: readonly RuntimeEntry[], label: (entry: RuntimeEntry) => string): string {
  if (undecided.length <= LISTED_ACROSS) return undecided.map(label).join(', ');
  const best = new Map<string, RuntimeEntry>();
  for (const entry of undecided) if (!((best.get(entry.runtime)?.speedup ?? 0) >= entry.speedup)) best.set(entry.runtime, entry);
  const named = [...best.values()].sort((a, b) => b.speedup - a.speedup);
  const others = undecided.length - named.length;
  return `${named.map((entry) => `${label(entry)} (${formatRatio(entry.speedup)})`).join(', ')}, each its runtime's best, and ${others} more`;
}

/** One cell of the compatibility matrix. */
export function compatibilityCell(cell: Compatibility | undefined): string {
  if (cell === undefined || cell.status === 'not run') return '—';
  if (cell.status === 'passes') return '✓';
  if (cell.status === 'unsupported') return 'unsupported';
  return `✗ ${cell.code.replace(/^PARABENCH_/, '')}`;
}
