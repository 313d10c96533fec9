import type { Interval, RatedEntry, RowResult, WorkloadMeasurement, WorkloadResult } from '../model/index.js';
import { mean } from './stats.js';
import { studentQuantile } from './student-t.js';
import { verdictEntry } from './verdict.js';

/**
 * How fast `other`'s plain loop is against `first`'s (above 1: faster), from each fork's mean log
 * time of the reference: the two were measured in different processes, at different moments, so
 * this is a comparison of fork means (Welch's interval), not a paired one.
 */
export function loopAgainst(first: WorkloadMeasurement, other: WorkloadMeasurement): Interval | undefined {
  const a = forkMeans(first);
  const b = forkMeans(other);
  if (a.length < 2 || b.length < 2) return undefined;
  const [va, vb] = [variance(a) / a.length, variance(b) / b.length];
  const center = mean(a) - mean(b);
  const se = Math.sqrt(va + vb);
  const df = se === 0 ? Number.POSITIVE_INFINITY : (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  const half = studentQuantile(0.975, df) * se;
  return { median: Math.exp(center), low: Math.exp(center - half), high: Math.exp(center + half) };
}

function forkMeans(measurement: WorkloadMeasurement): number[] {
  const byFork = new Map<number, number[]>();
  for (const sample of measurement.rows[0]?.samples ?? []) byFork.set(sample.fork, [...(byFork.get(sample.fork) ?? []), Math.log(sample.ms)]);
  return [...byFork.values()].map(mean);
}

function variance(values: readonly number[]): number {
  const center = mean(values);
  return values.reduce((sum, value) => sum + (value - center) ** 2, 0) / (values.length - 1);
}

/** A combination in one runtime, with its speed-up over the first runtime's loop. */
export interface RuntimeEntry extends RatedEntry {
  runtime: string;
}

/** One workload across runtimes: the fastest runtime × backend × workers on the first runtime's scale, and those not yet told from it. */
export interface AcrossRuntimes {
  workload: string;
  /** The first runtime: every speed-up here is over its loop. */
  scale: string;
  fastest: RuntimeEntry | undefined;
  undecided: RuntimeEntry[];
}

/**
 * Every runtime's rows on one scale, the first runtime's loop: a row's speed-up over its own loop
 * times its loop's over the first's. The two intervals combine as independent (normal, on the log
 * scale), a looser test than pairing: a row is undecided against the fastest while the interval of
 * their difference holds 0. Undefined with one runtime, or when no row completed.
 */
export function acrossRuntimes(results: readonly WorkloadResult[]): AcrossRuntimes | undefined {
  const [first] = results;
  if (first === undefined || results.length < 2) return undefined;
  const scaled = results.flatMap((result) => {
    const loop = result === first ? { median: 1, low: 1, high: 1 } : result.loop;
    if (loop === undefined) return [];
    return result.rows.flatMap((row) => (usable(row) ? [scale(row, loop, result)] : []));
  });
  const fastest = scaled.reduce<(typeof scaled)[number] | undefined>((best, row) => (best === undefined || row.log > best.log ? row : best), undefined);
  if (fastest === undefined) return { workload: first.workload, scale: first.runtime, fastest: undefined, undecided: [] };
  const undecided = scaled.filter((row) => row !== fastest && fastest.log - row.log < 1.96 * Math.hypot(fastest.se, row.se));
  return { workload: first.workload, scale: first.runtime, fastest: fastest.entry, undecided: undecided.map((row) => row.entry) };
}

const usable = (row: RowResult): row is Extract<RowResult, { status: 'ok' }> =>
  row.status === 'ok' && row.standing !== 'reference' && row.figures.fault === undefined;

/** A row's log speed-up over the first runtime's loop, with a standard error read back from the two 95% intervals. */
function scale(row: Extract<RowResult, { status: 'ok' }>, loop: Interval, result: WorkloadResult): { log: number; se: number; entry: RuntimeEntry } {
  const { speedup } = row.figures;
  const spread = (interval: Interval): number => (Math.log(interval.high) - Math.log(interval.low)) / (2 * 1.96);
  const log = Math.log(speedup.median) + Math.log(loop.median);
  const se = Math.hypot(spread(speedup), spread(loop));
  const entry: RuntimeEntry = {
    ...verdictEntry(row, result.sweep !== undefined),
    runtime: result.runtime,
    speedup: Math.exp(log),
    interval: [Math.exp(log - 1.96 * se), Math.exp(log + 1.96 * se)],
  };
  return { log, se, entry };
}

/** How one backend fared in one runtime, over every workload the run measured. */
export type Compatibility =
  | { status: 'passes' }
  | { status: 'fails'; code: string; reason: string; workload: string }
  | { status: 'unsupported'; reason: string }
  | { status: 'not run' };

/** The runtime × backend matrix: `matrix.get(runtime)?.get(backend)`. */
export function compatibility(results: readonly WorkloadResult[]): Map<string, Map<string, Compatibility>> {
  const matrix = new Map<string, Map<string, Compatibility>>();
  for (const result of results) {
    const byBackend = matrix.get(result.runtime) ?? new Map<string, Compatibility>();
    matrix.set(result.runtime, byBackend);
    for (const row of result.rows) {
      if (row.standing === 'reference') continue;
      const known = byBackend.get(row.backend) ?? { status: 'not run' };
      if (known.status === 'fails' || known.status === 'unsupported') continue;
      if (row.status === 'ok') byBackend.set(row.backend, { status: 'passes' });
      else if (row.status === 'error' && row.error.code === 'PARABENCH_UNSUPPORTED_RUNTIME')
        byBackend.set(row.backend, { status: 'unsupported', reason: row.error.message });
      else {
        const reason = row.status === 'error' ? row.error.message : `results differ at item ${row.mismatch.index ?? '?'}`;
        const code = row.status === 'error' ? row.error.code : 'mismatch';
        byBackend.set(row.backend, { status: 'fails', code, reason, workload: result.workload });
      }
    }
  }
  return matrix;
}
