import { defineWorkload, type WorkloadSize } from '@parabench/core';

const COUNTS: Record<WorkloadSize, number> = { quick: 10_000, default: 1_000_000, large: 4_000_000 };

/**
 * Overhead-dominated: a million items that each take a few nanoseconds. What decides the winner
 * here is dispatch (how many messages per item), not compute: one message per item costs tens
 * of microseconds, a thousand times the work itself.
 */
export default defineWorkload<number, null, number>({
  name: 'tiny-tasks',
  description: 'Overhead-dominated: trivial items (an integer hash each; 1,000,000 at default size): dispatch, not compute, decides.',
  generate: ({ size }) => ({ items: Array.from({ length: COUNTS[size] }, (_, i) => i), context: null }),
  // A cheap integer mix, so that the work cannot be folded away but costs next to nothing.
  map: (n) => Math.imul(n ^ (n >>> 16), 0x45d9f3b) >>> 0,
  reduce: (hashes) => hashes.reduce((xor, hash) => (xor ^ hash) >>> 0, 0),
});
