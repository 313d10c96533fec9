import type { MapRequest } from '../backend.js';
import type { PoolBaseOptions } from './startup.js';
import type { Deferred } from '../deferred.js';
import { NotCloneableError, WorkerExitedError, messageOf } from '../errors.js';
import type { ChunkRange } from './chunks.js';
import { isCloneable } from './cloneable.js';
import { pack, packedBuffers } from './packing.js';
import type { FromWorker, ToWorker } from './protocol.js';

/** The main side's end of one worker, made by the transport. */
export interface WorkerHandle {
  /**
   * Must throw synchronously when the message cannot be serialized. `transfer` lists buffers the
   * pool made for this message alone, which a thread transport should transfer rather than copy.
   */
  send(message: ToWorker, transfer?: ArrayBuffer[]): void;
  /** Ends the worker at once, stuck or not; resolves when it is gone. */
  terminate(): Promise<void>;
}

/** What the transport reports about a worker it spawned. */
export interface WorkerEvents {
  message(message: FromWorker): void;
  /**
   * The worker is gone, for whatever reason; `detail` says how (exit code, signal, uncaught error).
   * `outOfMemory` is true when the transport knows it reached its heap limit.
   */
  exit(detail: string, outOfMemory?: boolean): void;
}

export interface PoolOptions extends PoolBaseOptions {
  /** Starts one worker that runs `serveMaps` on its side. */
  spawn(events: WorkerEvents): WorkerHandle;
}

export type PoolWorkerState = 'starting' | 'ready' | 'gone';

/** One worker of the pool, as the pool tracks it. */
export interface PoolWorker {
  handle: WorkerHandle;
  state: PoolWorkerState;
  /** The map this worker last received a context for. */
  begun: number;
  /** The chunks sent to it and not yet answered, oldest first. */
  chunks: Array<{ mapId: number; range: ChunkRange }>;
  ready: Deferred<void>;
}

export interface ActiveMap {
  id: number;
  request: MapRequest;
  workloadName: string;
  /** Whether workers transfer the results' buffers: what the backend declares in `supports.transfer`. */
  transfer: boolean;
  pending: ChunkRange[];
  outstanding: number;
  results: unknown[];
  /** Chunks come back so far. */
  received: number;
  settle: Deferred<unknown[]>;
}

/** Sends the context (once per worker per map) and one chunk; explains what could not be sent. */
export function sendChunk(poolWorker: PoolWorker, map: ActiveMap, range: ChunkRange, backend: string): Error | undefined {
  const site = { backend, workload: map.workloadName };
  const { workloadUrl, context } = map.request;
  try {
    if (poolWorker.begun !== map.id) poolWorker.handle.send({ type: 'begin', mapId: map.id, workloadUrl, context, transfer: map.transfer });
    poolWorker.begun = map.id;
  } catch (cause) {
    return isCloneable(context)
      ? new WorkerExitedError(`cannot reach it: ${messageOf(cause)}`, { ...site, cause })
      : new NotCloneableError('the context', { ...site, cause });
  }
  const { items } = map.request;
  try {
    const packed = pack(items, range.start, range.end);
    poolWorker.handle.send({ type: 'chunk', mapId: map.id, start: range.start, items: packed }, packedBuffers(packed));
  } catch (cause) {
    const bad = items.slice(range.start, range.end).findIndex((item) => !isCloneable(item));
    return bad < 0
      ? new WorkerExitedError(`cannot reach it: ${messageOf(cause)}`, { ...site, index: range.start, cause })
      : new NotCloneableError('an item', { ...site, index: range.start + bad, cause });
  }
  return undefined;
}

/** Sends what may go unanswered (an `end`, a `gc`): a worker on its way out reports its exit anyway. */
export function trySend(poolWorker: PoolWorker, message: ToWorker): void {
  try {
    poolWorker.handle.send(message);
  } catch {
    // The worker is going away; its exit is reported separately.
  }
}
