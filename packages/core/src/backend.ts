import { InvalidOptionsError } from './errors.js';
import { checkShape, isFunction, isNonEmptyString, isObject, isString, type FieldRule } from './module-shape.js';

/** What one `map` call needs. */
export interface MapRequest<Item = unknown, Context = unknown> {
  /**
   * Where the workload module is: a `file:` URL (or a package specifier) that any thread or
   * process can `import()`; workers load it with `loadWorkload()`. Named for what it is: in
   * results and errors, `workload` is always the workload's name.
   */
  workloadUrl: string;
  /**
   * The workload's name, for errors. Give it when you know it (the suite does): without it, the
   * executor imports the module in the calling thread to learn it, once per URL.
   */
  workloadName?: string | undefined;
  items: readonly Item[];
  context: Context;
  /** Cancels the call; backends that declare `supports.abort` stop their workers promptly. */
  signal?: AbortSignal | undefined;
}

/** A started pool of workers (or lanes, or a loop) that maps items. */
export interface Executor {
  /** Resolves to one result per item, in input order. */
  map<Result = unknown>(request: MapRequest): Promise<Result[]>;
  /** Releases every thread, process and handle the executor started. Safe to call twice. */
  close(): Promise<void>;
  /**
   * Optional: runs a garbage collection in every worker, where the process runs with
   * `--expose-gc` (the CLI's `--gc` calls it between samples). Absent means the backend has
   * no workers of its own to collect in.
   */
  collectGarbage?(): Promise<void>;
  /**
   * Optional, for backends that declare `supports.chunking`: the items per chunk a map of
   * `itemCount` items uses, with `chunkSize: 'auto'` resolved. The suite reports this size.
   */
  chunkSizeFor?(itemCount: number): number;
}

export interface StartOptions {
  /** Number of workers (threads, processes, or concurrent lanes). A positive integer. */
  workers: number;
  /**
   * Items per message for backends that declare `supports.chunking`.
   * @default 'auto' (chosen from the item count and the number of workers)
   */
  chunkSize?: number | 'auto' | undefined;
  /**
   * Heap limit of each worker thread or process, in MiB, for backends that declare
   * `supports.memoryLimit`: a map that needs more rejects with `PARABENCH_OUT_OF_MEMORY` and the
   * executor replaces the worker. @default the runtime's own limit
   */
  maxMemoryMb?: number | undefined;
}

/** Where a backend runs the workload's `map`: shown in the tables, because it decides what speed-up is possible. */
export type RunsOn = 'main-thread' | 'threads' | 'processes';

/**
 * Optional abilities a backend declares; the suite and the conformance tests read these
 * instead of special-casing backends by name. Every flag defaults to `false`.
 */
export interface BackendCapabilities {
  /** `StartOptions.workers` changes how it runs (false for the sequential reference). */
  workers?: boolean;
  /** Two `map` calls may run at once on one executor; otherwise the second rejects with `PARABENCH_EXECUTOR_BUSY`. */
  concurrentMaps?: boolean;
  /** Honours `MapRequest.signal`. */
  abort?: boolean;
  /** Transfers ArrayBuffers and typed arrays instead of copying them. */
  transfer?: boolean;
  /** Honours `StartOptions.chunkSize`. */
  chunking?: boolean;
  /** Honours `StartOptions.maxMemoryMb`: a worker that reaches it fails the map with `PARABENCH_OUT_OF_MEMORY`, and the executor goes on. */
  memoryLimit?: boolean;
}

/** The JavaScript runtimes a fork of the suite can run in. */
export type RuntimeKind = 'node' | 'bun' | 'deno';

/**
 * The runtimes a backend declares it does (true) or does not (false) run in. One left out is
 * tried, and its rows say how it fared; one declared false is not tried, and its rows fail with
 * `PARABENCH_UNSUPPORTED_RUNTIME`.
 */
export type RuntimeSupport = Partial<Record<RuntimeKind, boolean>>;

/** The whole backend contract: a backend module default-exports one of these. */
export interface Backend {
  /** Short, unique, kebab-case: what `--backends` matches. */
  name: string;
  /** One line for `parabench --list`. */
  description: string;
  /** @default 'main-thread' */
  runsOn?: RunsOn;
  supports?: BackendCapabilities;
  /** The runtimes it declares it does or does not run in. @default tried in every runtime */
  runtimes?: RuntimeSupport;
  /**
   * Optional: what this backend needs that this machine lacks, in a few words a user can act on
   * (for example `Redis: set PARABENCH_REDIS_URL`), or `undefined` when it can run. The suite lists
   * such a backend as needing it and leaves it out of a default run with a one-line note.
   * @default always runnable
   */
  needs?(): string | undefined;
  start(options: StartOptions): Promise<Executor>;
}

/** Declares a backend, checking its shape at once. */
export function defineBackend<B extends Backend>(backend: B): B {
  assertBackend(backend, backend?.name ?? 'defineBackend()');
  return backend;
}

/** Throws {@link InvalidModuleError} naming every missing or mistyped field. */
export function assertBackend(value: unknown, specifier: string): asserts value is Backend {
  checkShape(value, BACKEND_FIELDS, 'backend', 'the default export must be an object with name, description and start()', specifier);
}

const BACKEND_FIELDS: readonly FieldRule[] = [
  { field: 'name', wanted: 'a non-empty string', fits: isNonEmptyString },
  { field: 'description', wanted: 'a string', fits: isString },
  { field: 'start', wanted: 'a function returning a Promise of an executor', fits: isFunction },
  { field: 'supports', wanted: 'an object of boolean flags', fits: isObject, optional: true },
  { field: 'needs', wanted: 'a function returning a string or undefined', fits: isFunction, optional: true },
  { field: 'runtimes', wanted: 'an object of boolean flags by runtime (node, bun, deno)', fits: isObject, optional: true },
];

/** Whether a backend declares it does not run in a runtime (see {@link Backend.runtimes}). */
export function declinesRuntime(backend: Backend, runtime: RuntimeKind): boolean {
  return backend.runtimes?.[runtime] === false;
}

/** What the backend still needs on this machine (see {@link Backend.needs}), or undefined when it can run. */
export function missingNeeds(backend: Backend): string | undefined {
  return backend.needs?.();
}

/** True when the backend declared the capability. */
export function supports(backend: Backend, capability: keyof BackendCapabilities): boolean {
  return backend.supports?.[capability] === true;
}

/** Checks `StartOptions.workers`, for backends to call first thing in `start()`. */
export function validateWorkers(workers: unknown): number {
  if (typeof workers !== 'number' || !Number.isInteger(workers) || workers < 1) {
    throw new InvalidOptionsError(`workers must be a positive integer, got ${String(workers)}`);
  }
  return workers;
}
