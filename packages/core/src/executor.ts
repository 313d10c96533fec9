import type { Backend, Executor, MapRequest } from './backend.js';
import { AbortedError, ExecutorBusyError, ExecutorClosedError } from './errors.js';

/** The transport-specific part of an executor; {@link createExecutor} adds the lifecycle rules. */
export interface ExecutorTransport {
  map(request: MapRequest): Promise<unknown[]>;
  /** Called once, however often `close()` is. */
  close(): Promise<void> | void;
  /** See {@link Executor.collectGarbage}. */
  collectGarbage?(): Promise<void>;
  /** See {@link Executor.chunkSizeFor}. */
  chunkSizeFor?(itemCount: number): number;
}

/**
 * Wraps a transport with the rules every executor keeps, so that backends only write
 * transport: `map` after `close()` rejects with `PARABENCH_EXECUTOR_CLOSED`; a second
 * concurrent `map` rejects with `PARABENCH_EXECUTOR_BUSY` unless the backend declares
 * `supports.concurrentMaps`; an already-aborted signal rejects at once; `close()` is idempotent.
 */
export function createExecutor(backend: Pick<Backend, 'name' | 'supports'>, transport: ExecutorTransport): Executor {
  let closing: Promise<void> | undefined;
  let running = 0;
  const concurrent = backend.supports?.concurrentMaps === true;

  const executor: Executor = {
    async map<Result>(request: MapRequest): Promise<Result[]> {
      const site = { backend: backend.name, workload: request.workloadName };
      if (closing !== undefined) throw new ExecutorClosedError(site);
      if (running > 0 && !concurrent) throw new ExecutorBusyError(site);
      if (request.signal?.aborted === true) throw new AbortedError({ ...site, cause: request.signal.reason });
      running++;
      try {
        return (await transport.map(request)) as Result[];
      } finally {
        running--;
      }
    },
    close(): Promise<void> {
      closing ??= Promise.resolve().then(() => transport.close());
      return closing;
    },
  };
  if (transport.chunkSizeFor !== undefined) executor.chunkSizeFor = transport.chunkSizeFor.bind(transport);
  if (transport.collectGarbage !== undefined) {
    const collect = transport.collectGarbage.bind(transport);
    executor.collectGarbage = async () => {
      if (closing === undefined) await collect();
    };
  }
  return executor;
}
