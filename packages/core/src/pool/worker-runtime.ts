import { ErrorCode, messageOf } from '../errors.js';
import { loadWorkload } from '../loader.js';
import { mapItems, mapItemsPacked } from '../map-items.js';
import type { Workload } from '../workload.js';
import { isCloneable } from './cloneable.js';
import { isPackedNumbers, MIN_PACKED, pack, packedBuffers, type Packed } from './packing.js';
import { collectGarbage, describeFailure } from './task.js';
import { serializeError, type FromWorker, type ToWorker, type WorkerFailure } from './protocol.js';

/** The worker's end of the channel: a thread's `parentPort` or a child process's IPC. */
export interface WorkerPort {
  /** Must throw synchronously when the message cannot be serialized. */
  post(message: FromWorker, transfer?: ArrayBuffer[]): void;
  onMessage(handler: (message: ToWorker) => void): void;
}

export interface ServeOptions {
  /** Backend name, for errors. */
  backend: string;
}

interface MapState {
  specifier: string;
  transfer: boolean;
  loaded: Promise<Workload>;
  context: unknown;
}

/**
 * Runs the worker side of a pool: keeps each map's workload and context (sent once per map),
 * maps the chunks it receives, and posts each chunk's results or its failure.
 */
export function serveMaps(port: WorkerPort, options: ServeOptions): void {
  const maps = new Map<number, MapState>();
  // Chunks wait their turn: a worker maps one chunk at a time, however many the pool has sent
  // ahead, so that `workers` means as many items in progress at once, for work that waits too.
  let turn: Promise<void> = Promise.resolve();
  port.onMessage((message) => {
    if (message.type === 'begin') {
      const loaded = loadWorkload(message.workloadUrl);
      loaded.catch(() => undefined); // reported by the chunk that needs it
      maps.set(message.mapId, { specifier: message.workloadUrl, transfer: message.transfer, loaded, context: message.context });
    } else if (message.type === 'end') {
      maps.delete(message.mapId);
    } else if (message.type === 'gc') {
      collectGarbage();
      port.post({ type: 'gc-done' });
    } else {
      const { mapId, start, items } = message;
      turn = turn.then(() => runChunk(mapId, start, items));
    }
  });
  port.post({ type: 'ready' });

  async function runChunk(mapId: number, start: number, items: ArrayLike<unknown>): Promise<void> {
    const state = maps.get(mapId);
    let workloadName = state?.specifier ?? 'unknown';
    try {
      if (state === undefined) throw new Error(`chunk for map ${mapId}, which this worker never began`);
      const workload = await state.loaded;
      workloadName = workload.name;
      const mapOptions = { backend: options.backend, offset: start };
      const results =
        items.length < MIN_PACKED
          ? await mapItems(workload, items, state.context, mapOptions)
          : await mapItemsPacked(workload, items, state.context, mapOptions);
      postResults(mapId, start, results, workloadName, state.transfer);
    } catch (error) {
      port.post({ type: 'failed', mapId, start, failure: describeFailure(error, workloadName) });
    }
  }

  function postResults(mapId: number, start: number, results: Packed, workload: string, transferResults: boolean): void {
    try {
      const packed = isPackedNumbers(results) ? results : pack(results);
      // Numbers packed into one buffer have nothing else to transfer; only other results are searched for buffers.
      const transfer = !transferResults ? undefined : isPackedNumbers(packed) ? packedBuffers(packed) : transferables(results);
      port.post({ type: 'done', mapId, start, results: packed }, transfer);
    } catch (error) {
      const index =
        start +
        Math.max(
          0,
          Array.prototype.findIndex.call(results, (result: unknown) => !isCloneable(result)),
        );
      const failure: WorkerFailure = {
        code: ErrorCode.NotCloneable,
        message: `the result cannot be sent back from the worker: ${messageOf(error)}`,
        workload,
        index,
        cause: serializeError(error),
      };
      port.post({ type: 'failed', mapId, start, failure });
    }
  }
}

/**
 * ArrayBuffers behind top-level results (typed arrays or buffers), each once. Shared memory
 * is left alone, and so are Node Buffers: small ones share a pool that must not be detached.
 */
function transferables(results: Packed): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const result of results) {
    if (result instanceof ArrayBuffer) buffers.add(result);
    else if (ArrayBuffer.isView(result) && !Buffer.isBuffer(result) && result.buffer instanceof ArrayBuffer) buffers.add(result.buffer);
  }
  return [...buffers];
}
