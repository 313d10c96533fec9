import { checkShape, isFunction, isNonEmptyString, isString, type FieldRule } from './module-shape.js';

export const WORKLOAD_SIZES = ['quick', 'default', 'large'] as const;
export type WorkloadSize = (typeof WORKLOAD_SIZES)[number];

export interface GenerateOptions {
  /** `quick` runs in well under a second sequentially, `default` is the reference size, `large` stresses. */
  size: WorkloadSize;
  /** Seed of the PRNG: the same `(size, seed)` must always give the same items and context. */
  seed: number;
}

export interface GeneratedInput<Item, Context> {
  items: Item[];
  /** Sent to each thread or process once per `map` call, not once per item. */
  context: Context;
}

/**
 * A workload: how to make the input, and the pure function mapped over it.
 * A workload module default-exports one of these, made with {@link defineWorkload},
 * so that any thread or process can `import()` it by specifier.
 */
export interface Workload<Item = unknown, Context = unknown, Result = unknown> {
  /** Short, unique, kebab-case: what `--workloads` matches. */
  name: string;
  /** One line for `parabench --list`. */
  description: string;
  /** A pure function of `(size, seed)`: use {@link createRandom}, never `Math.random`. */
  generate(options: GenerateOptions): GeneratedInput<Item, Context>;
  /** A pure function of its arguments; may return a Promise. */
  map(item: Item, context: Context): Result | Promise<Result>;
  /**
   * Optional: folds the per-item results into the one value a person would print
   * (a total, the list of matches). Results are compared per item either way.
   */
  reduce?(results: Result[], items: Item[]): unknown;
}

/** Declares a workload, checking its shape at once so a mistake surfaces where it was made. */
export function defineWorkload<Item, Context, Result>(workload: Workload<Item, Context, Result>): Workload<Item, Context, Result> {
  assertWorkload(workload, workload?.name ?? 'defineWorkload()');
  return workload;
}

/** Throws {@link InvalidModuleError} naming every missing or mistyped field. */
export function assertWorkload(value: unknown, specifier: string): asserts value is Workload {
  checkShape(value, WORKLOAD_FIELDS, 'workload', 'the default export must be an object made with defineWorkload()', specifier);
}

const WORKLOAD_FIELDS: readonly FieldRule[] = [
  { field: 'name', wanted: 'a non-empty string', fits: isNonEmptyString },
  { field: 'description', wanted: 'a string', fits: isString },
  { field: 'generate', wanted: 'a function', fits: isFunction },
  { field: 'map', wanted: 'a function', fits: isFunction },
  { field: 'reduce', wanted: 'a function', fits: isFunction, optional: true },
];
