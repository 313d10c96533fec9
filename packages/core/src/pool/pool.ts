import type { Executor } from '../backend.js';
import { validateWorkers } from '../backend.js';
import { AbortedError, ExecutorClosedError, OutOfMemoryError, WorkerExitedError } from '../errors.js';
import { createExecutor } from '../executor.js';
import { workloadNameOf } from '../loader.js';
import { CHUNKS_PER_WORKER_QUEUED, chunkRule, planChunks, resolveChunkSize, type ChunkRange } from './chunks.js';
import { reviveFailure, type FromWorker } from './protocol.js';
import { deferred } from '../deferred.js';
import { createGcRounds } from './gc-rounds.js';
import { expectResults, unpackInto } from './packing.js';
import { sendChunk, trySend, type ActiveMap, type PoolOptions, type PoolWorker } from './pool-state.js';
import { DEFAULT_STARTUP_TIMEOUT_MS, withinStartup } from './startup.js';

/**
 * Chunks a worker holds at once: the second waits in its queue while the first is mapped, so
 * the worker never idles for a round trip between chunks.
 */
const CHUNKS_IN_FLIGHT = 2;

/**
 * A pool of workers behind the executor contract: chunked items, the context once per
 * worker per map, results in input order, a dead worker replaced and its map rejected,
 * an aborted map's workers terminated. Transports (threads, processes) only spawn.
 */
export async function startPool(options: PoolOptions): Promise<Executor> {
  const { backend, spawn } = options;
  const workerCount = validateWorkers(options.workers);
  const chunks = chunkRule(options.chunkSize, CHUNKS_PER_WORKER_QUEUED);
  const poolWorkers = new Set<PoolWorker>();
  let active: ActiveMap | undefined;
  let nextMapId = 1;
  let closed = false;
  const gc = createGcRounds();

  const addWorker = (): PoolWorker => {
    const poolWorker: PoolWorker = { state: 'starting', begun: 0, chunks: [], ready: deferred(), handle: undefined as never };
    // Only the first workers' readiness is awaited; a replacement that dies starting is reported through its map.
    poolWorker.ready.promise.catch(() => undefined);
    poolWorker.handle = spawn({
      message: (message) => onMessage(poolWorker, message),
      exit: (detail, outOfMemory) => onExit(poolWorker, detail, outOfMemory === true),
    });
    poolWorkers.add(poolWorker);
    return poolWorker;
  };

  const onMessage = (poolWorker: PoolWorker, message: FromWorker): void => {
    if (message.type === 'ready') {
      poolWorker.state = 'ready';
      poolWorker.ready.resolve();
    } else if (message.type === 'gc-done') {
      gc.answered();
    } else {
      const map = active?.id === message.mapId ? active : undefined;
      poolWorker.chunks = poolWorker.chunks.filter((chunk) => chunk.mapId !== message.mapId || chunk.range.start !== message.start);
      if (map !== undefined && message.type === 'done') {
        if (map.received++ === 0) expectResults(map.results, message.results);
        unpackInto(map.results, message.start, message.results);
        if (--map.outstanding === 0 && map.pending.length === 0) finish(map);
      } else if (map !== undefined && message.type === 'failed') {
        fail(map, reviveFailure(message.failure, backend.name, map.workloadName));
      }
    }
    dispatch();
  };

  const onExit = (poolWorker: PoolWorker, detail: string, outOfMemory: boolean): void => {
    const wasStarting = poolWorker.state === 'starting';
    const chunk = poolWorker.chunks.find((c) => c.mapId === active?.id);
    poolWorker.state = 'gone';
    poolWorkers.delete(poolWorker);
    if (wasStarting) poolWorker.ready.reject(new WorkerExitedError(`${detail} before it was ready`, { backend: backend.name }));
    if (closed) return;
    if (active !== undefined && chunk?.mapId === active.id) {
      const site = { backend: backend.name, workload: active.workloadName, index: chunk.range.start };
      fail(active, outOfMemory ? new OutOfMemoryError(detail, site) : new WorkerExitedError(detail, site));
    } else if (active !== undefined && wasStarting) {
      // A replacement that cannot start fails the map instead of being replaced again and again.
      fail(active, new WorkerExitedError(`${detail} while starting`, { backend: backend.name, workload: active.workloadName }));
    }
    dispatch();
  };

  const dispatch = (): void => {
    const map = active;
    if (map === undefined || closed) return;
    while (poolWorkers.size < workerCount) addWorker();
    // Fill every worker to one chunk before any gets a second, so the work spreads first.
    for (let depth = 1; depth <= CHUNKS_IN_FLIGHT; depth++) {
      for (const poolWorker of poolWorkers) {
        if (poolWorker.state !== 'ready' || poolWorker.chunks.length >= depth || map.pending.length === 0 || active !== map) continue;
        const range = map.pending.shift() as ChunkRange;
        const error = sendChunk(poolWorker, map, range, backend.name);
        if (error !== undefined) {
          fail(map, error);
          return;
        }
        poolWorker.chunks.push({ mapId: map.id, range });
        map.outstanding++;
      }
    }
  };

  const finish = (map: ActiveMap): void => {
    settle(map);
    map.settle.resolve(map.results);
  };

  const fail = (map: ActiveMap, error: Error): void => {
    settle(map);
    map.settle.reject(error);
  };

  const settle = (map: ActiveMap): void => {
    if (active === map) active = undefined;
    for (const poolWorker of poolWorkers)
      if (poolWorker.begun === map.id && poolWorker.state !== 'starting') trySend(poolWorker, { type: 'end', mapId: map.id });
  };

  const terminate = (poolWorker: PoolWorker): Promise<void> => {
    poolWorker.state = 'gone';
    poolWorkers.delete(poolWorker);
    return poolWorker.handle.terminate();
  };

  try {
    for (let i = 0; i < workerCount; i++) addWorker();
    const ready = Promise.all([...poolWorkers].map((poolWorker) => poolWorker.ready.promise));
    await withinStartup(ready, options.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS, backend.name);
  } catch (error) {
    closed = true;
    await Promise.all([...poolWorkers].map(terminate));
    throw error;
  }

  return createExecutor(backend, {
    chunkSizeFor: (itemCount) => resolveChunkSize(chunks, itemCount, workerCount),
    async map(request) {
      const workloadName = await workloadNameOf(request);
      if (closed) throw new ExecutorClosedError({ backend: backend.name, workload: workloadName });
      if (request.items.length === 0) return [];
      const map: ActiveMap = {
        id: nextMapId++,
        request,
        workloadName,
        transfer: backend.supports?.transfer === true,
        pending: planChunks(request.items.length, resolveChunkSize(chunks, request.items.length, workerCount)),
        outstanding: 0,
        received: 0,
        results: [],
        settle: deferred(),
      };
      const onAbort = (): void => {
        fail(map, new AbortedError({ backend: backend.name, workload: workloadName, cause: request.signal?.reason }));
        // The workers on this map may be stuck in a loop that never yields: only terminating them ends it.
        // The next map's dispatch replaces them.
        for (const poolWorker of [...poolWorkers]) if (poolWorker.chunks.some((chunk) => chunk.mapId === map.id)) void terminate(poolWorker);
      };
      request.signal?.addEventListener('abort', onAbort, { once: true });
      active = map;
      dispatch();
      // Allocated once the first chunks are on their way, while the main thread would wait anyway.
      map.results = new Array<unknown>(request.items.length);
      try {
        return await map.settle.promise;
      } finally {
        request.signal?.removeEventListener('abort', onAbort);
      }
    },
    collectGarbage: () => gc.collect([...poolWorkers].filter((poolWorker) => poolWorker.state === 'ready' && poolWorker.chunks.length === 0)),
    async close() {
      closed = true;
      if (active !== undefined) fail(active, new ExecutorClosedError({ backend: backend.name, workload: active.workloadName }));
      await Promise.all([...poolWorkers].map(terminate));
    },
  });
}
