import type { CapacitySummary, RowName } from './measurement.js';

/** A combination named in a verdict. */
export type VerdictEntry = RowName;

/** A combination with its speed-up over the loop, as a verdict names it. */
export interface RatedEntry extends VerdictEntry {
  speedup: number;
  interval: [number, number];
}

/** A combination the rounds could not yet tell from the fastest, with what more time would take. */
export interface UndecidedEntry extends RatedEntry {
  /** About how many more seconds of forks would decide it, at this run's pace; null when no affordable amount would. */
  moreSeconds: number | null;
}

interface VerdictBase {
  workload: string;
  /** The equivalence margin, as a fraction: rows within it of each other are shown equivalent, not merely alike. */
  margin: number;
  /** Rows left out as faults of the measurement. */
  faults: VerdictEntry[];
}

/** Some combination is shown faster than the loop: the fastest, those equivalent to it, those still undecided against it. */
export interface PaysVerdict extends VerdictBase {
  outcome: 'pays';
  fastest: RatedEntry;
  equivalent: RatedEntry[];
  undecided: UndecidedEntry[];
}

/** Every combination is shown no faster than the loop by more than the margin. */
export interface DoesNotPayVerdict extends VerdictBase {
  outcome: 'does-not-pay';
  best: RatedEntry;
}

/** Whether parallelising pays is not decided by these rounds. */
export interface UndecidedVerdict extends VerdictBase {
  outcome: 'undecided';
  best: RatedEntry;
  /** About how many more seconds would decide it; null when more than a run affords. */
  moreSeconds: number | null;
  /** The capacity at the best row's worker count, when it swung during the run. */
  capacitySwing: CapacitySummary | undefined;
}

/** Nothing completed. */
export interface NoAnswerVerdict extends VerdictBase {
  outcome: 'no-answer';
}

/** The answer for one workload, a union on what the rounds could say. */
export type Verdict = PaysVerdict | DoesNotPayVerdict | UndecidedVerdict | NoAnswerVerdict;
