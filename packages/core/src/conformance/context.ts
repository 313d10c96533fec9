import type { Backend, Executor, MapRequest, StartOptions } from '../backend.js';

/** What every group of conformance cases gets. */
export interface ConformanceContext {
  backend: Backend;
  /** The backend module's URL, for cases that load it in another process. */
  backendUrl: string;
  /** Workers for cases that do not choose their own. */
  workers: number;
  /** Starts an executor that is closed after the case, whatever happens in it. */
  start(workers?: number, options?: Omit<StartOptions, 'workers'>): Promise<Executor>;
  /** Closes every executor the current case started. */
  closeAll(): Promise<void>;
}

export const fixtures = {
  echo: new URL('./fixtures/echo.js', import.meta.url).href,
  identity: new URL('./fixtures/identity.js', import.meta.url).href,
  faults: new URL('./fixtures/faults.js', import.meta.url).href,
  concurrency: new URL('./fixtures/concurrency.js', import.meta.url).href,
  transferProbe: new URL('./fixtures/transfer-probe.js', import.meta.url).href,
};

export function echoRequest(values: readonly number[], context: unknown = null, delayMs?: (value: number) => number): MapRequest {
  return {
    workloadUrl: fixtures.echo,
    items: values.map((value) => (delayMs === undefined ? { value } : { value, delayMs: delayMs(value) })),
    context,
  };
}

export const echoed = (values: readonly number[], context: unknown = null): unknown[] => values.map((value) => ({ value, context }));

export const range = (count: number): number[] => Array.from({ length: count }, (_, i) => i);

export function createContext(backend: Backend, backendUrl: string, workers: number): ConformanceContext {
  const open: Executor[] = [];
  return {
    backend,
    backendUrl,
    workers,
    async start(count = workers, options = {}) {
      const executor = await backend.start({ ...options, workers: count });
      open.push(executor);
      return executor;
    },
    async closeAll() {
      await Promise.all(open.splice(0).map((executor) => executor.close()));
    },
  };
}
