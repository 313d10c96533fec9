import { raceDrops } from '../analysis/racing.js';
import { rateWorkload } from '../analysis/rate-workload.js';
import type { SuiteOptions, WorkloadMeasurement } from '../model/index.js';

/** The most forks a workload runs, as a multiple of `--forks`. */
const MOST_FORKS_FACTOR = 3;

/** After a fork (the look): racing drops the rows shown worse than the leader; they are timed no more. */
export function applyRacing(measurement: WorkloadMeasurement, look: number): void {
  const [reference, ...rows] = measurement.rows;
  if (reference === undefined) return;
  const racing = rows.filter((row) => row.stopped === 'finished');
  for (const { row, drop } of raceDrops({ reference, racing, margin: measurement.marginFraction, look })) {
    row.stopped = 'dropped';
    row.dropped = drop;
  }
}

/**
 * Whether another fork should run: always up to `--forks`, while some row is still in the race;
 * beyond that, while the verdict is undecided somewhere, within the time budget and
 * {@link MOST_FORKS_FACTOR} × `--forks`.
 */
export function wantsAnotherFork(measurement: WorkloadMeasurement, fork: number, options: SuiteOptions, elapsedSeconds: number): boolean {
  if (!measurement.rows.slice(1).some((row) => row.stopped === 'finished')) return false;
  if (fork < options.forks) return true;
  if (fork >= MOST_FORKS_FACTOR * options.forks || elapsedSeconds * 1000 >= options.time) return false;
  const { verdict } = rateWorkload(measurement);
  return verdict.outcome === 'undecided' || (verdict.outcome === 'pays' && verdict.undecided.length > 0);
}
