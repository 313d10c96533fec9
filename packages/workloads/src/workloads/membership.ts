import { createRandom, defineWorkload, type WorkloadSize } from '@parabench/core';

export type Vector = number[];

/** Vectors to test and vectors to test against, per size. `default` is the notebook's 20,000 × 20,000. */
const SHAPES: Record<WorkloadSize, { items: number; against: number }> = {
  quick: { items: 2_000, against: 2_000 },
  default: { items: 20_000, against: 20_000 },
  large: { items: 50_000, against: 50_000 },
};
const LENGTH = 5;
const VALUES = 20;

/** Python's `vec in candidates` for lists of numbers: a linear scan for an element-wise equal vector. */
export function contains(candidates: readonly Vector[], vec: Vector): boolean {
  for (const candidate of candidates) {
    if (candidate.length !== vec.length) continue;
    let equal = true;
    for (let i = 0; i < vec.length; i++) {
      if (candidate[i] !== vec[i]) {
        equal = false;
        break;
      }
    }
    if (equal) return true;
  }
  return false;
}

export default defineWorkload<Vector, Vector[], boolean>({
  name: 'membership',
  description: "Nested loop: is each 5-int vector in a list of others (the notebook's test_loop)? The list goes to each worker once per map.",
  generate({ size, seed }) {
    const random = createRandom(seed);
    const vectors = (count: number): Vector[] => Array.from({ length: count }, () => Array.from({ length: LENGTH }, () => random.int(0, VALUES)));
    const shape = SHAPES[size];
    const items = vectors(shape.items);
    return { items, context: vectors(shape.against) };
  },
  map: (vec, against) => contains(against, vec),
  /** The notebook's output: the vectors that were found, in input order. */
  reduce: (found, items) => items.filter((_, i) => found[i] === true),
});
