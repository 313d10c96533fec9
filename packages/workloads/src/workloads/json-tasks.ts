import { defineWorkload, type WorkloadSize } from '@parabench/core';

const COUNTS: Record<WorkloadSize, number> = { quick: 250, default: 10_000, large: 100_000 };

/** Round trips per task: enough work that a task is worth a message, as in the pool libraries' own benchmarks. */
const ROUND_TRIPS = 40;

/** A record of the kind services pass around, built from `seed` alone so that the item itself stays one number. */
export function record(seed: number): Record<string, unknown> {
  return {
    id: seed,
    name: `task-${seed}`,
    active: seed % 3 !== 0,
    score: ((seed * 7919) % 1000) / 10,
    tags: [`t${seed % 5}`, `t${seed % 7}`, `t${seed % 11}`],
    owner: { id: seed % 97, email: `user${seed % 97}@example.org` },
    history: [seed % 13, seed % 17, seed % 19, seed % 23],
  };
}

/** Stringifies and parses the task's record again and again; returns the characters written, which depend on every trip. */
export function roundTrips(seed: number, trips = ROUND_TRIPS): number {
  let value: unknown = record(seed);
  let written = 0;
  for (let i = 0; i < trips; i++) {
    const text = JSON.stringify(value);
    written += text.length;
    value = JSON.parse(text);
    (value as { id: number }).id += 1;
  }
  return written;
}

/**
 * Modelled on the task of poolifier's published "versus external pools" benchmark (JSON work
 * repeated inside each task, 100,000 tasks, one message each): many small independent tasks,
 * where each task is worth a message but not by much. Run it with `--chunk-size 1` to send one
 * message per task, as those benchmarks do.
 */
export default defineWorkload<number, null, number>({
  name: 'json-tasks',
  description: `Many small tasks: each item stringifies and parses a small record ${ROUND_TRIPS} times (10,000 items at default size), like the pool libraries' own benchmarks.`,
  generate: ({ size }) => ({ items: Array.from({ length: COUNTS[size] }, (_, i) => i), context: null }),
  map: (seed) => roundTrips(seed),
  reduce: (written) => written.reduce((total, n) => total + n, 0),
});
