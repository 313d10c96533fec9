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
import { sendChunk, trySend, type ActiveMap, type PoolOptions, type Slot } from './pool-state.js';
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
  const slots = new Set<Slot>();
  let active: ActiveMap | undefined;
  let nextMapId = 1;
  let closed = false;
  const gc = createGcRounds();

  const addSlot = (): Slot => {
    const slot: Slot = { state: 'starting', begun: 0, chunks: [], ready: deferred(), handle: undefined as never };
    // Only the first workers' readiness is awaited; a replacement that dies starting is reported through its map.
    slot.ready.promise.catch(() => undefined);
    slot.handle = spawn({ message: (message) => onMessage(slot, message), exit: (detail, outOfMemory) => onExit(slot, detail, outOfMemory === true) });
    slots.add(slot);
    return slot;
  };

  const onMessage = (slot: Slot, message: FromWorker): void => {
    if (message.type === 'ready') {
      slot.state = 'ready';
      slot.ready.resolve();
    } else if (message.type === 'gc-done') {
      gc.answered();
    } else {
      const map = active?.id === message.mapId ? active : undefined;
      slot.chunks = slot.chunks.filter((chunk) => chunk.mapId !== message.mapId || chunk.range.start !== message.start);
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

  const onExit = (slot: Slot, detail: string, outOfMemory: boolean): void => {
    const wasStarting = slot.state === 'starting';
    const chunk = slot.chunks.find((c) => c.mapId === active?.id);
    slot.state = 'gone';
    slots.delete(slot);
    if (wasStarting) slot.ready.reject(new WorkerExitedError(`${detail} before it was ready`, { backend: backend.name }));
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
    while (slots.size < workerCount) addSlot();
    // Fill every worker to one chunk before any gets a second, so the work spreads first.
    for (let depth = 1; depth <= CHUNKS_IN_FLIGHT; depth++) {
      for (const slot of slots) {
        if (slot.state !== 'ready' || slot.chunks.length >= depth || map.pending.length === 0 || active !== map) continue;
        const range = map.pending.shift() as ChunkRange;
        const error = sendChunk(slot, map, range, backend.name);
        if (error !== undefined) {
          fail(map, error);
          return;
        }
        slot.chunks.push({ mapId: map.id, range });
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
    for (const slot of slots) if (slot.begun === map.id && slot.state !== 'starting') trySend(slot, { type: 'end', mapId: map.id });
  };

  const terminate = (slot: Slot): Promise<void> => {
    slot.state = 'gone';
    slots.delete(slot);
    return slot.handle.terminate();
  };

  try {
    for (let i = 0; i < workerCount; i++) addSlot();
    const ready = Promise.all([...slots].map((slot) => slot.ready.promise));
    await withinStartup(ready, options.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS, backend.name);
  } catch (error) {
    closed = true;
    await Promise.all([...slots].map(terminate));
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
        for (const slot of [...slots]) if (slot.chunks.some((chunk) => chunk.mapId === map.id)) void terminate(slot);
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
    collectGarbage: () => gc.collect([...slots].filter((slot) => slot.state === 'ready' && slot.chunks.length === 0)),
    async close() {
      closed = true;
      if (active !== undefined) fail(active, new ExecutorClosedError({ backend: backend.name, workload: active.workloadName }));
      await Promise.all([...slots].map(terminate));
    },
  });
}
