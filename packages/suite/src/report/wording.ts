import type { FailedRow, MachineInfo, RowResult, SuiteOptions, Verdict, VerdictEntry } from '../model/index.js';
import { formatInterval, formatRatio } from './format.js';

/** The one way a row is named everywhere: `worker-threads × 2`, and its chunk size in a sweep. */
export function rowLabel(
  row: { backend: string; workers: number; chunkSize?: number | 'auto' | null | undefined; chunkSizeAuto?: boolean | undefined },
  sweep = false,
): string {
  if (!sweep || row.chunkSize == null) return `${row.backend} × ${row.workers}`;
  return `${row.backend} × ${row.workers} (chunk ${row.chunkSize}${row.chunkSizeAuto === true && row.chunkSize !== 'auto' ? ', auto' : ''})`;
}

/** How the verdict is decided, stated in every report. */
export const VERDICT_RULE =
  "fastest: the highest median paired speed-up (the reference's time ÷ the row's, in the same round); " +
  'it beats the plain loop when the 95% interval of that median lies above 1; tied: the 95% interval of the median ' +
  'per-round time ratio against the fastest includes 1 (a sign-test interval over the rounds both ran in; ' +
  'rows that share no round are tied when their speed-up intervals overlap)';

/** The whole answer for one workload in one sentence. */
export function verdictText(verdict: Verdict, sweep: boolean): string {
  const label = (entry: VerdictEntry): string => rowLabel(entry, sweep);
  const leftOut = verdict.faults.length === 0 ? '' : ` Left out as faults of the measurement: ${verdict.faults.map(label).join(', ')}.`;
  switch (verdict.outcome) {
    case 'no-answer':
      return `No combination completed, so there is no answer: see the failures below.${leftOut}`;
    case 'no-gain': {
      const { best } = verdict;
      return (
        `Nothing beats the plain loop: parallelising ${verdict.workload} does not pay on this machine ` +
        `(best: ${label(best)} at ${formatRatio(best.speedup)} ${formatInterval(best.interval)}).${leftOut}`
      );
    }
    case 'winner': {
      const { winner, tied } = verdict;
      const ties = tied.length === 0 ? 'nothing else is within the noise' : `tied with ${tied.map(label).join(', ')}`;
      return `${label(winner)} is fastest: ${formatRatio(winner.speedup)} the plain loop ${formatInterval(winner.interval)}; ${ties}.${leftOut}`;
    }
  }
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

/** What went wrong with a failed row: its first difference from the reference, or its error with its code. */
export function failureText(row: FailedRow): string {
  if (row.mismatch !== undefined) {
    const { index, path, expected, actual, reason } = row.mismatch;
    const at = index === null ? `at ${path || 'the top level'}` : `at item ${index}${path.replace(/^\[\d+\]/, '')}`;
    return `results differ ${at} (${reason}): expected ${expected}, got ${actual}`;
  }
  return row.status === 'error' ? `[${row.error.code}] ${row.error.message}` : 'results differ';
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
    ['run', `size ${options.size}, seed ${options.seed}, workers ${options.workers.join(',')}, chunk size ${options.chunkSize}${options.gc ? ', --gc' : ''}`],
    [
      'rounds',
      `paired, with a capacity probe: ≥${options.minRounds} per row, until ±${options.precision}% or ${formatBudget(options.time)} per workload`,
    ],
  ];
}
