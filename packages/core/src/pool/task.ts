import { ErrorCode, isParabenchError, ItemFailedError, messageOf } from '../errors.js';
import { loadWorkload } from '../loader.js';
import { mapItems, mapItemsPacked } from '../map-items.js';
import { isCloneable } from './cloneable.js';
import { isPackedNumbers, MIN_PACKED, pack, type Packed } from './packing.js';
import { serializeError, type WorkerFailure } from './protocol.js';
import { signerId, signSeat, type Seat } from './seat-board.js';

/**
 * One chunk as a self-contained task, for backends built on pool libraries that choose the
 * worker themselves: the context rides with each chunk. `locate` asks for the index of the
 * first result that cannot be cloned instead of the results. Items and results that are all
 * numbers travel packed, as with core's own pool, so every library carries the same payload.
 */
export interface ChunkTask {
  workloadUrl: string;
  context: unknown;
  start: number;
  items: Packed;
  backend: string;
  locate?: boolean;
  /** Only collect garbage in the worker that takes it (with `--expose-gc`). */
  gc?: boolean;
}

/** A task never throws across the library: failures travel as data, so no library can mangle them. */
export type TaskOutcome = { ok: true; results: Packed } | { ok: true; uncloneable: number } | { ok: false; failure: WorkerFailure };

/** The worker side of a task: what a library's worker function calls. An empty task only proves the worker is up. */
export async function runChunkTask(task: ChunkTask): Promise<TaskOutcome> {
  if (task.gc === true) collectGarbage();
  if (task.items.length === 0) return { ok: true, results: [] };
  let workloadName = task.workloadUrl;
  try {
    const workload = await loadWorkload(task.workloadUrl);
    workloadName = workload.name;
    const options = { backend: task.backend, offset: task.start };
    if (task.locate === true) {
      const results = await mapItems(workload, task.items, task.context, options);
      return { ok: true, uncloneable: task.start + results.findIndex((result) => !isCloneable(result)) };
    }
    const results =
      task.items.length < MIN_PACKED
        ? await mapItems(workload, task.items, task.context, options)
        : await mapItemsPacked(workload, task.items, task.context, options);
    return { ok: true, results: isPackedNumbers(results) ? results : pack(results) };
  } catch (error) {
    return { ok: false, failure: describeFailure(error, workloadName) };
  }
}

export function describeFailure(error: unknown, workload: string): WorkerFailure {
  if (error instanceof ItemFailedError) {
    return { code: error.code, message: error.message, workload, index: error.index, cause: serializeError(error.cause) };
  }
  const code = isParabenchError(error) ? error.code : ErrorCode.BackendFailed;
  return { code, message: messageOf(error), workload, cause: serializeError(error) };
}

/** A task with the seat its worker signs (see `createSeats`). */
export type SeatedTask = ChunkTask & { seat: Seat };

/**
 * The worker side of a seated task: sign the seat with this worker's id, run the task, then sign
 * it as returned (the id negated) before handing the outcome to the library: if the worker exits
 * after that, the task did not crash; its outcome could not be delivered (see `createSeats`).
 */
export async function runSeatedTask({ seat, ...task }: SeatedTask): Promise<TaskOutcome> {
  const id = signerId(seat);
  signSeat(seat, id);
  const outcome = await runChunkTask(task);
  signSeat(seat, -id);
  return outcome;
}

/** A full collection where the process runs with `--expose-gc`; nothing otherwise. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
