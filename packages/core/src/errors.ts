/**
 * Every error parabench raises carries a stable `code` (documented in core's README),
 * says which backend, workload and item it concerns where that is known, and keeps
 * the underlying failure as its `cause`.
 */
export const ErrorCode = {
  /** A workload's `map` threw (or rejected) on one item. */
  ItemFailed: 'PARABENCH_ITEM_FAILED',
  /** A worker thread or process ended while it still had items to map. */
  WorkerExited: 'PARABENCH_WORKER_EXITED',
  /** A worker thread or process reached its heap limit (`StartOptions.maxMemoryMb`, the CLI's `--max-memory`) while mapping. */
  OutOfMemory: 'PARABENCH_OUT_OF_MEMORY',
  /** A workload could not be measured at all: its `generate` threw, or the sequential reference failed, so nothing can be checked or timed against. */
  ReferenceFailed: 'PARABENCH_REFERENCE_FAILED',
  /** An item, the context or a result could not be sent between threads or processes. */
  NotCloneable: 'PARABENCH_NOT_CLONEABLE',
  /** A `map` was cancelled by its `AbortSignal` (or the CLI's `--timeout`). */
  Aborted: 'PARABENCH_ABORTED',
  /** `map` was called after `close()`. */
  ExecutorClosed: 'PARABENCH_EXECUTOR_CLOSED',
  /** A second `map` started while one was running, on a backend that does not support that. */
  ExecutorBusy: 'PARABENCH_EXECUTOR_BUSY',
  /** A module does not export what the workload or backend contract needs. */
  InvalidModule: 'PARABENCH_INVALID_MODULE',
  /** A backend failed with an error that carries no parabench code of its own. */
  BackendFailed: 'PARABENCH_BACKEND_FAILED',
  /** Invalid options given to a backend, a workload or the CLI. */
  InvalidOptions: 'PARABENCH_INVALID_OPTIONS',
  /** A server the backend needs (Redis, for one) cannot be reached, or went away mid-map. */
  ServiceUnavailable: 'PARABENCH_SERVICE_UNAVAILABLE',
  /** The workers (or remote agents) a backend waits for did not all become ready in time. */
  StartTimeout: 'PARABENCH_START_TIMEOUT',
  /** A remote agent refused to load the workload module: its operator did not allow it. */
  WorkloadRefused: 'PARABENCH_WORKLOAD_REFUSED',
  /** A remote agent's copy of a workload module, or of parabench, differs from the caller's. */
  VersionSkew: 'PARABENCH_VERSION_SKEW',
  /** A measuring process of the suite (a fork) ended before it reported: an exit of any status, a signal, or an exception nobody caught. */
  ForkExited: 'PARABENCH_FORK_EXITED',
  /** The backend declares it does not run in the runtime a fork runs in (`Backend.runtimes`). */
  UnsupportedRuntime: 'PARABENCH_UNSUPPORTED_RUNTIME',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Where a failure happened; every field is optional because not every layer knows all three. */
export interface ErrorSite {
  backend?: string | undefined;
  workload?: string | undefined;
  /** Index of the item in the `items` passed to `map`. */
  index?: number | undefined;
}

export interface ParabenchErrorOptions extends ErrorSite {
  cause?: unknown;
}

/** Base class: `code` plus the site of the failure. */
export class ParabenchError extends Error {
  override name = 'ParabenchError';
  readonly code: ErrorCode;
  readonly backend: string | undefined;
  readonly workload: string | undefined;
  readonly index: number | undefined;

  constructor(code: ErrorCode, message: string, options: ParabenchErrorOptions = {}) {
    super(`${message}${describeSite(options)}`, 'cause' in options ? { cause: options.cause } : undefined);
    this.code = code;
    this.backend = options.backend;
    this.workload = options.workload;
    this.index = options.index;
  }
}

function describeSite({ backend, workload, index }: ErrorSite): string {
  const parts: string[] = [];
  if (backend !== undefined) parts.push(`backend "${backend}"`);
  if (workload !== undefined) parts.push(`workload "${workload}"`);
  if (index !== undefined) parts.push(`item ${index}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/** A named class for a code whose message is written where the error is raised. */
function messageError(code: ErrorCode, name: string) {
  return class extends ParabenchError {
    override name = name;
    constructor(message: string, options: ParabenchErrorOptions = {}) {
      super(code, message, options);
    }
  };
}

export class ItemFailedError extends ParabenchError {
  override name = 'ItemFailedError';
  constructor(options: ParabenchErrorOptions & { index: number }) {
    super(ErrorCode.ItemFailed, `map failed: ${messageOf(options.cause)}`, options);
  }
}

export class WorkerExitedError extends ParabenchError {
  override name = 'WorkerExitedError';
  /** How the worker went: exit code, signal, or the library's words. */
  readonly detail: string;
  constructor(detail: string, options: ParabenchErrorOptions = {}) {
    super(ErrorCode.WorkerExited, `worker exited during map: ${detail}`, options);
    this.detail = detail;
  }
}

export class OutOfMemoryError extends ParabenchError {
  override name = 'OutOfMemoryError';
  /** How the worker ended, as its transport saw it. */
  readonly detail: string;
  constructor(detail: string, options: ParabenchErrorOptions = {}) {
    super(ErrorCode.OutOfMemory, `worker ran out of memory during map: ${detail}`, options);
    this.detail = detail;
  }
}

export const ReferenceFailedError = messageError(ErrorCode.ReferenceFailed, 'ReferenceFailedError');
export type ReferenceFailedError = InstanceType<typeof ReferenceFailedError>;

export class NotCloneableError extends ParabenchError {
  override name = 'NotCloneableError';
  constructor(what: string, options: ParabenchErrorOptions = {}) {
    const detail = options.cause === undefined ? '' : messageOf(options.cause);
    super(ErrorCode.NotCloneable, `${what} cannot be sent to another thread or process${detail === '' ? '' : `: ${detail}`}`, options);
  }
}

export class AbortedError extends ParabenchError {
  override name = 'AbortedError';
  constructor(options: ParabenchErrorOptions = {}) {
    super(ErrorCode.Aborted, `map aborted: ${messageOf(options.cause)}`, options);
  }
}

export class ExecutorClosedError extends ParabenchError {
  override name = 'ExecutorClosedError';
  constructor(options: ParabenchErrorOptions = {}) {
    super(ErrorCode.ExecutorClosed, 'map called after close()', options);
  }
}

export class ExecutorBusyError extends ParabenchError {
  override name = 'ExecutorBusyError';
  constructor(options: ParabenchErrorOptions = {}) {
    super(ErrorCode.ExecutorBusy, 'another map is still running on this executor, which runs one at a time', options);
  }
}

export class InvalidModuleError extends ParabenchError {
  override name = 'InvalidModuleError';
  constructor(specifier: string, problem: string, options: ParabenchErrorOptions = {}) {
    super(ErrorCode.InvalidModule, `${specifier}: ${problem}`, options);
  }
}

export const InvalidOptionsError = messageError(ErrorCode.InvalidOptions, 'InvalidOptionsError');
export type InvalidOptionsError = InstanceType<typeof InvalidOptionsError>;

export const ServiceUnavailableError = messageError(ErrorCode.ServiceUnavailable, 'ServiceUnavailableError');
export type ServiceUnavailableError = InstanceType<typeof ServiceUnavailableError>;

export const StartTimeoutError = messageError(ErrorCode.StartTimeout, 'StartTimeoutError');
export type StartTimeoutError = InstanceType<typeof StartTimeoutError>;

export const WorkloadRefusedError = messageError(ErrorCode.WorkloadRefused, 'WorkloadRefusedError');
export type WorkloadRefusedError = InstanceType<typeof WorkloadRefusedError>;

export const VersionSkewError = messageError(ErrorCode.VersionSkew, 'VersionSkewError');
export type VersionSkewError = InstanceType<typeof VersionSkewError>;

export const ForkExitedError = messageError(ErrorCode.ForkExited, 'ForkExitedError');
export type ForkExitedError = InstanceType<typeof ForkExitedError>;

export const UnsupportedRuntimeError = messageError(ErrorCode.UnsupportedRuntime, 'UnsupportedRuntimeError');
export type UnsupportedRuntimeError = InstanceType<typeof UnsupportedRuntimeError>;

/** The message of anything thrown, including non-Error values. */
export function messageOf(value: unknown): string {
  if (value instanceof Error) return value.message;
  if (typeof value === 'object' && value !== null) {
    if ('message' in value) return String(value.message);
    const json = JSON.stringify(value);
    return json === '{}' ? '' : json;
  }
  return String(value);
}

/**
 * True when `value` (or its cause, or the cause's cause) says a heap limit was reached: Node's
 * `ERR_WORKER_OUT_OF_MEMORY` for a thread under `resourceLimits`, or V8's own message.
 */
export function isOutOfMemory(value: unknown): boolean {
  for (let current = value, depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    if ((current as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY' || (current as { code?: unknown }).code === ErrorCode.OutOfMemory) return true;
    if (/heap out of memory|reached (its |the )?(heap|memory) limit/i.test(messageOf(current))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** True for parabench errors, also when they crossed a realm (a worker) and lost their prototype. */
export function isParabenchError(value: unknown): value is ParabenchError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    (value as { code: string }).code.startsWith('PARABENCH_')
  );
}
