import { createRandom, defineWorkload, type WorkloadSize } from '@parabench/core';

const SHAPES: Record<WorkloadSize, { count: number; mebibytes: number }> = {
  quick: { count: 8, mebibytes: 1 },
  default: { count: 64, mebibytes: 1 },
  large: { count: 64, mebibytes: 8 },
};

/**
 * Large typed arrays with light work each (scale and shift every value), so that moving the
 * data dominates: backends that transfer buffers instead of copying them should show it.
 */
export default defineWorkload<Float64Array, null, Float64Array>({
  name: 'transfer',
  description: 'Copy-dominated: Float64Arrays (64 of 1 MiB at default size), each scaled into a new one: moving data decides.',
  generate({ size, seed }) {
    const { count, mebibytes } = SHAPES[size];
    const random = createRandom(seed);
    const length = (mebibytes * 2 ** 20) / Float64Array.BYTES_PER_ELEMENT;
    return {
      items: Array.from({ length: count }, () => Float64Array.from({ length }, () => random.int(-1000, 1000))),
      context: null,
    };
  },
  map(values) {
    const scaled = new Float64Array(values.length);
    for (let i = 0; i < values.length; i++) scaled[i] = (values[i] ?? 0) * 0.5 + 1;
    return scaled;
  },
  reduce: (arrays) => arrays.reduce((sum, array) => sum + (array[0] ?? 0), 0),
});
