import { AbortedError, ErrorCode, OutOfMemoryError, settleOnAbort, type Executor, type MapRequest } from '@parabench/core';

/**
 * One `map`, abandoned after `timeout` ms. The signal lets backends that declare `abort`
 * terminate stuck workers; the race ends the wait even for those that cannot.
 */
export async function mapWithin(
  executor: Executor,
  context: { workload: string; request: MapRequest; timeout?: number | undefined },
  backend: string,
): Promise<unknown[]> {
  if (context.timeout === undefined) return executor.map(context.request);
  const signal = AbortSignal.timeout(context.timeout);
  const timeoutError = (): AbortedError =>
    new AbortedError({ backend, workload: context.workload, cause: new Error(`--timeout: no result after ${context.timeout} ms`) });
  const mapped = executor.map({ ...context.request, signal }).catch((error: unknown) => {
    throw signal.aborted ? timeoutError() : error;
  });
  return settleOnAbort(mapped, signal, timeoutError);
}

/** An out-of-memory error, saying which limit was reached and how to raise it. */
export function withMemoryLimit(error: unknown, maxMemoryMb: number): unknown {
  if ((error as { code?: unknown } | null)?.code !== ErrorCode.OutOfMemory) return error;
  const { backend, workload, index, detail, cause } = error as OutOfMemoryError;
  return new OutOfMemoryError(`${detail}; each worker may use ${maxMemoryMb} MiB of heap (raise it with --max-memory)`, { backend, workload, index, cause });
}
