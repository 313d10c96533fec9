import { settleOnAbort } from '../abort.js';
import { setMaxListeners } from 'node:events';
import type { Executor, MapRequest } from '../backend.js';
import { validateWorkers } from '../backend.js';
import {
  AbortedError,
  ErrorCode,
  NotCloneableError,
  OutOfMemoryError,
  WorkerExitedError,
  isOutOfMemory,
  isParabenchError,
  messageOf,
  type ParabenchError,
} from '../errors.js';
import { createExecutor } from '../executor.js';
import { workloadNameOf } from '../loader.js';
import { CHUNKS_PER_WORKER_CONTEXT_EACH, chunkRule, planChunks, resolveChunkSize } from './chunks.js';
import { isCloneable } from './cloneable.js';
import { expectResults, isPackedNumbers, pack, unpackInto } from './packing.js';
import { reviveFailure } from './protocol.js';
import { DEFAULT_STARTUP_TIMEOUT_MS, withinStartup, type PoolBaseOptions } from './startup.js';
import type { ChunkTask, TaskOutcome } from './task.js';

/** What a backend built on a pool library provides: the library's way to run a task, and to end. */
export interface TaskTransport {
  /**
   * Runs one task on some worker, whose function calls `runChunkTask`. Rejects when the library
   * fails: a worker crash (reported as a `WorkerExitedError` where the transport can tell), a value
   * it cannot clone, a cancellation through `signal`.
   */
  run(task: ChunkTask, signal: AbortSignal): Promise<TaskOutcome>;
  /**
   * After a crash, an abort, or a value the library could not send, brings the pool back to
   * health, for libraries that do not do it themselves (replacing the pool is the usual way).
   */
  recover?(): Promise<void>;
  close(): Promise<void>;
}

export interface TaskPoolOptions extends PoolBaseOptions {
  /** Runs one task through the library; its worker function calls `runChunkTask`. */
  transport: TaskTransport;
}

/**
 * The executor for backends built on pool libraries: chunks submitted as tasks, results put
 * back in input order, the first failure cancels the rest, and library errors become coded
 * parabench errors. Resolves once every worker has answered an empty task; if one cannot,
 * closes the transport and rejects.
 */
export async function startTaskPool(options: TaskPoolOptions): Promise<Executor> {
  const { backend, transport } = options;
  const never = new AbortController().signal;
  // Every worker's start-up task listens to it at once.
  setMaxListeners(0, never);
  const ping: ChunkTask = { workloadUrl: '', context: null, start: 0, items: [], backend: backend.name };
  let workers: number;
  let chunks: ReturnType<typeof chunkRule>;
  // The transport's pool already exists: options it cannot be used with close it too.
  try {
    workers = validateWorkers(options.workers);
    chunks = chunkRule(options.chunkSize, CHUNKS_PER_WORKER_CONTEXT_EACH);
    const ready = Promise.all(Array.from({ length: workers }, () => transport.run(ping, never)));
    await withinStartup(ready, options.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS, backend.name);
  } catch (error) {
    await transport.close().catch(() => undefined);
    throw error;
  }

  const mapChunks = async (request: MapRequest, workload: string, signal: AbortSignal): Promise<unknown[]> => {
    const results = new Array<unknown>(request.items.length);
    let received = 0;
    const chunkSize = resolveChunkSize(chunks, request.items.length, workers);
    // Each task gets a signal of its own, all aborted with the map's: a listener per task on one
    // signal costs O(tasks) per listener added (an EventTarget checks for duplicates), which made
    // 10,000 tasks at chunk size 1 spend seconds in addEventListener, here and in the libraries.
    const inFlight = new Set<AbortController>();
    const abortAll = (): void => {
      for (const own of inFlight) own.abort(signal.reason);
    };
    signal.addEventListener('abort', abortAll, { once: true });
    try {
      await Promise.all(
        planChunks(request.items.length, chunkSize).map(async ({ start, end }) => {
          const task: ChunkTask = {
            workloadUrl: request.workloadUrl,
            context: request.context,
            start,
            items: pack(request.items, start, end),
            backend: backend.name,
          };
          const own = new AbortController();
          inFlight.add(own);
          if (signal.aborted) own.abort(signal.reason);
          try {
            // A library may throw synchronously (a value it cannot clone): make that a rejection like any other.
            const running = (async () => transport.run(task, own.signal))();
            const outcome = await settleOnAbort(running, own.signal, () => own.signal.reason).catch(async (error: unknown) => {
              throw signal.aborted ? abortError(request, workload) : await classify(error, task, workload);
            });
            if (!outcome.ok) throw reviveFailure(outcome.failure, backend.name, workload);
            if ('results' in outcome) {
              if (received++ === 0) expectResults(results, outcome.results);
              unpackInto(results, start, outcome.results);
            }
          } finally {
            inFlight.delete(own);
          }
        }),
      );
    } finally {
      signal.removeEventListener('abort', abortAll);
    }
    return results;
  };

  const abortError = (request: MapRequest, workload: string): ParabenchError =>
    new AbortedError({ backend: backend.name, workload, cause: request.signal?.reason });

  /**
   * Library errors, made explicit. Transports report the crashes they recognise as parabench
   * errors; anything else is a value that could not be sent (the context, an item) or sent back
   * (a result, found by re-mapping the chunk in locate mode), or else a worker that went away.
   */
  const classify = async (error: unknown, task: ChunkTask, workload: string): Promise<ParabenchError> => {
    const site = { backend: backend.name, workload, cause: error };
    if (isOutOfMemory(error)) return new OutOfMemoryError(describe(error), { ...site, index: task.start });
    // Transports report crashes before they know the map's site: add it here.
    if (error instanceof WorkerExitedError && error.backend === undefined) {
      return new WorkerExitedError(error.detail, { ...site, index: task.start, cause: error.cause ?? error });
    }
    if (isParabenchError(error)) return error;
    if (!isCloneable(task.context)) return new NotCloneableError('the context', site);
    const badItem = isPackedNumbers(task.items) ? -1 : task.items.findIndex((item) => !isCloneable(item));
    if (badItem >= 0) return new NotCloneableError('an item', { ...site, index: task.start + badItem });
    const located = await transport.run({ ...task, locate: true }, new AbortController().signal).catch(() => undefined);
    if (located?.ok === true && 'uncloneable' in located && located.uncloneable >= 0) {
      const detail = messageOf(error);
      return new NotCloneableError('a result', { ...site, index: located.uncloneable, cause: detail === '' ? undefined : error });
    }
    return new WorkerExitedError(describe(error), { ...site, index: task.start });
  };

  return createExecutor(backend, {
    chunkSizeFor: (itemCount) => resolveChunkSize(chunks, itemCount, workers),
    async map(request) {
      const workload = await workloadNameOf(request);
      if (request.items.length === 0) return [];
      const controller = new AbortController();
      const forward = (): void => controller.abort(request.signal?.reason);
      request.signal?.addEventListener('abort', forward, { once: true });
      try {
        return await mapChunks(request, workload, controller.signal);
      } catch (error) {
        // Other chunks of a map that failed on an item finish on their own; other failures may leave workers to mend.
        const code = (error as { code?: string }).code;
        if (code === ErrorCode.Aborted || code === ErrorCode.WorkerExited || code === ErrorCode.OutOfMemory || code === ErrorCode.NotCloneable)
          await transport.recover?.();
        throw error;
      } finally {
        request.signal?.removeEventListener('abort', forward);
      }
    },
    // The library picks the worker for each task, so one task per worker at once reaches most, not surely all.
    async collectGarbage() {
      const gc: ChunkTask = { ...ping, gc: true };
      await Promise.all(Array.from({ length: workers }, () => transport.run(gc, never).catch(() => undefined)));
    },
    close: () => transport.close(),
  });
}

function describe(error: unknown): string {
  return messageOf(error).split('\n')[0] || 'the pool library failed without saying why';
}
