import type { MapSample } from '../model/index.js';
import type { ForkedValues } from './hierarchy.js';

/** The samples of a and b taken in the same round, as pairs. */
export function pairByRound(a: readonly MapSample[], b: readonly MapSample[]): Array<[MapSample, MapSample]> {
  const byRound = new Map(b.map((sample) => [sample.round, sample]));
  return a.flatMap((sample): Array<[MapSample, MapSample]> => {
    const other = byRound.get(sample.round);
    return other === undefined ? [] : [[sample, other]];
  });
}

/** The row's speed-up in each round it shares with the reference: the reference's time ÷ the row's. */
export function pairedSpeedups(reference: readonly MapSample[], row: readonly MapSample[]): number[] {
  return pairByRound(reference, row).map(([ref, own]) => ref.ms / own.ms);
}

/**
 * Per shared round, log(b's time ÷ a's time): how much faster a was than b in that round, as a log
 * ratio (above 0: a was faster). Grouped by fork, for estimates that hold between processes. With
 * the reference as b, these are a's log speed-ups.
 */
export function logRatiosByFork(a: readonly MapSample[], b: readonly MapSample[]): ForkedValues {
  const byFork = new Map<number, number[]>();
  for (const [own, other] of pairByRound(a, b)) {
    const values = byFork.get(own.fork) ?? [];
    values.push(Math.log(other.ms / own.ms));
    byFork.set(own.fork, values);
  }
  return [...byFork.keys()].sort((x, y) => x - y).map((fork) => byFork.get(fork) ?? []);
}
