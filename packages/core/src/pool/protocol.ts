import type { Packed } from './packing.js';
import { ErrorCode, ItemFailedError, ParabenchError } from '../errors.js';

/**
 * Messages between a pool and its workers. The context goes out once per worker per map
 * (`begin`), then chunks of items; each chunk comes back whole or as one failure.
 */
export type ToWorker =
  /** `transfer`: the backend declares `supports.transfer`, so the worker transfers its results' buffers. */
  | { type: 'begin'; mapId: number; workloadUrl: string; context: unknown; transfer: boolean }
  | { type: 'chunk'; mapId: number; start: number; items: Packed }
  | { type: 'end'; mapId: number }
  | { type: 'gc' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'gc-done' }
  | { type: 'done'; mapId: number; start: number; results: Packed }
  | { type: 'failed'; mapId: number; start: number; failure: WorkerFailure };

/** Why a chunk failed, as the worker saw it; the pool turns it back into a parabench error. */
export interface WorkerFailure {
  code: string;
  /** Without the site: the pool adds backend, workload and item. */
  message: string;
  workload: string;
  index?: number | undefined;
  cause?: SerializedError | undefined;
}

/** Turns a worker's failure back into a parabench error on the main side, with the original error as `cause`. */
export function reviveFailure(failure: WorkerFailure, backend: string, workload: string): ParabenchError {
  const site = { backend, workload: failure.workload || workload, index: failure.index };
  const cause = failure.cause === undefined ? undefined : deserializeError(failure.cause);
  if (failure.code === ErrorCode.ItemFailed && failure.index !== undefined) return new ItemFailedError({ ...site, index: failure.index, cause });
  return new ParabenchError(failure.code as ErrorCode, failure.message, { ...site, cause });
}

/** An error flattened for structured clone or JSON: custom classes do not survive the trip, so we carry what matters. */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string | undefined;
  code?: string | undefined;
  index?: number | undefined;
  cause?: SerializedError | undefined;
}

export function serializeError(error: unknown, depth = 0): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const { code, index } = error as { code?: unknown; index?: unknown };
  return {
    name: error.name,
    message: error.message,
    stack: error.stack,
    code: typeof code === 'string' ? code : undefined,
    index: typeof index === 'number' ? index : undefined,
    cause: error.cause !== undefined && depth < 4 ? serializeError(error.cause, depth + 1) : undefined,
  };
}

/** Rebuilds a plain Error with the original name, message, stack and code, for use as a `cause`. */
export function deserializeError(serialized: SerializedError): Error {
  const error = new Error(serialized.message, serialized.cause === undefined ? undefined : { cause: deserializeError(serialized.cause) });
  error.name = serialized.name;
  if (serialized.stack !== undefined) error.stack = serialized.stack;
  if (serialized.code !== undefined) Object.assign(error, { code: serialized.code });
  return error;
}
