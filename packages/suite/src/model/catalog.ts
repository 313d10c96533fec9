import type { Backend, Workload } from '@parabench/core';

export interface LoadedBackend {
  backend: Backend;
  /** Where it was loaded from: a `file:` URL. */
  url: string;
}

export interface LoadedWorkload {
  /** The module's default export: what `defineWorkload` made. */
  definition: Workload;
  /** The specifier workers import: a `file:` URL. */
  url: string;
}
