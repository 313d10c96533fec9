import type { ForkedEstimate } from '../analysis/hierarchy.js';
import { raceDrops } from '../analysis/racing.js';
import { rateWorkload } from '../analysis/rate-workload.js';
import { speedupEstimates } from '../analysis/rating.js';
import { median } from '../analysis/stats.js';
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

/** The most rounds a fork takes, as a multiple of `--rounds`. */
const MOST_ROUNDS_FACTOR = 8;

/**
 * Whether another fork should run, and with how many rounds: always up to `--forks`, while some
 * row is still in the race; beyond that, while the verdict is undecided somewhere, within the
 * time budget and {@link MOST_FORKS_FACTOR} × `--forks`. Undefined: no more forks.
 */
export function nextFork(measurement: WorkloadMeasurement, fork: number, options: SuiteOptions, elapsedSeconds: number): { rounds: number } | undefined {
  if (!measurement.rows.slice(1).some((row) => row.stopped === 'finished')) return undefined;
  const left = options.time / 1000 - elapsedSeconds;
  if (fork >= options.forks) {
    if (fork >= MOST_FORKS_FACTOR * options.forks || left <= 0) return undefined;
    const { verdict } = rateWorkload(measurement);
    if (!(verdict.outcome === 'undecided' || (verdict.outcome === 'pays' && verdict.undecided.length > 0))) return undefined;
  }
  return { rounds: roundsFor(measurement, options, left) };
}

/**
 * Rounds for the next fork, where the variance is (Kalibera & Jones): n = √((setup ÷ round) ×
 * (σ²_w ÷ σ²_b)), the setup being a fork's start-up and warm-up and the round one more round of
 * the rows still racing. Workloads whose forks differ little and whose rounds are cheap get many
 * rounds; those whose processes differ get few. At least `--rounds`, at most
 * {@link MOST_ROUNDS_FACTOR} times as many (of 2 at least), and never more than the budget left
 * pays for, or, once it is spent, than the fork's own set-up costs.
 */
function roundsFor(measurement: WorkloadMeasurement, options: SuiteOptions, leftSeconds: number): number {
  const last = measurement.forkTimes.at(-1);
  const split = varianceComponents(speedupEstimates(measurement).slice(1));
  if (last === undefined || last.rounds === 0 || last.roundsSeconds <= 0 || split === undefined) return options.rounds;
  const perRound = last.roundsSeconds / last.rounds;
  const setup = Math.max(0, last.seconds - last.roundsSeconds);
  const ideal = Math.sqrt((setup / perRound) * (split.within / Math.max(split.between, split.within * 1e-3)));
  // Once the budget is spent (the forks --forks asks for can cost more than it), a fork may still
  // spend on rounds what its set-up costs: at most twice its least time, and only where rounds vary.
  const affordable = Math.max(Math.floor((leftSeconds - setup) / perRound), Math.floor(setup / perRound));
  return Math.max(options.rounds, Math.min(MOST_ROUNDS_FACTOR * Math.max(2, options.rounds), Math.round(ideal), affordable));
}

/** The typical row's variance between forks and between rounds, from rows timed in two forks or more. */
function varianceComponents(estimates: ReadonlyArray<ForkedEstimate | undefined>): { between: number; within: number } | undefined {
  const forked = estimates.filter((e): e is ForkedEstimate => e !== undefined && e.forks > 1 && !Number.isNaN(e.betweenForks) && !Number.isNaN(e.withinForks));
  if (forked.length === 0) return undefined;
  return { between: median(forked.map((e) => e.betweenForks)), within: median(forked.map((e) => e.withinForks)) };
}
