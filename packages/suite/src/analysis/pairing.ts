import type { MapSample } from '../model/index.js';

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

/** Per shared round, a's time ÷ b's: above 1 means a was slower in that round. */
export function pairedTimeRatios(a: readonly MapSample[], b: readonly MapSample[]): number[] {
  return pairByRound(a, b).map(([x, y]) => x.ms / y.ms);
}
