import { defineWorkload, type WorkloadSize } from '@parabench/core';

/** Items per size, and the upper bound each item sums to. `default` is the notebook's `[range(10_000_000)] * 64`. */
const SHAPES: Record<WorkloadSize, { count: number; bound: number }> = {
  quick: { count: 16, bound: 1_000_000 },
  default: { count: 64, bound: 10_000_000 },
  large: { count: 128, bound: 20_000_000 },
};

/**
 * Sums the integers 0..n-1 with a plain loop: the CPU-bound kernel of the notebook's
 * `Pool.map(sum, job_list)`, and the kernel the suite uses to measure the machine's capacity.
 * Exact while the sum stays below 2^53 (n up to about 134 million).
 */
export function sumBelow(n: number): number {
  // Starting from -0 (a double) rather than 0 (a small integer) keeps V8 from re-optimizing the
  // loop, after the sum outgrows 31 bits, into a version that boxes it: measured 4.4× slower.
  let total = -0;
  for (let i = 0; i < n; i++) total += i;
  return total + 0; // -0 + 0 is 0, for n = 0
}

export default defineWorkload<number, null, number>({
  name: 'sum-range',
  description: "CPU-bound: each item n sums the integers 0..n-1 (the notebook's Pool.map(sum, [range(10**7)] * 64)).",
  generate({ size }) {
    const { count, bound } = SHAPES[size];
    return { items: Array.from({ length: count }, () => bound), context: null };
  },
  map: (n) => sumBelow(n),
  reduce: (sums) => sums.reduce((total, sum) => total + sum, 0),
});
