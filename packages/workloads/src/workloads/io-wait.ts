import { defineWorkload, type WorkloadSize } from '@parabench/core';

const SHAPES: Record<WorkloadSize, { count: number; waitMs: number }> = {
  quick: { count: 16, waitMs: 5 },
  default: { count: 64, waitMs: 10 },
  large: { count: 256, waitMs: 10 },
};

export interface WaitItem {
  id: number;
  waitMs: number;
}

/**
 * Work that waits on something outside the CPU (here a timer, standing for I/O). The notebook's
 * other lesson: concurrency without parallelism helps when the work waits, so the event loop's
 * lanes keep up with threads here at a fraction of their cost.
 */
export default defineWorkload<WaitItem, null, number>({
  name: 'io-wait',
  description: 'Waits, not computes: each item waits on a timer standing for I/O (10 ms at default size): concurrency alone helps.',
  generate({ size }) {
    const { count, waitMs } = SHAPES[size];
    return { items: Array.from({ length: count }, (_, id) => ({ id, waitMs })), context: null };
  },
  map: ({ id, waitMs }) => new Promise<number>((resolve) => setTimeout(() => resolve(id * 2), waitMs)),
  reduce: (results) => results.reduce((sum, value) => sum + value, 0),
});
