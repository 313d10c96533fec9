import { ErrorCode, messageOf, supports } from '@parabench/core';
import type { RowMeasurement } from '../model/index.js';
import type { Combination } from './plan.js';

/** A row for one combination of a workload, before anything is measured. */
export function newRow(workload: string, { backend, workers, chunkSize }: Combination): RowMeasurement {
  return {
    workload,
    backend: backend.name,
    runsOn: backend.runsOn ?? 'main-thread',
    workers,
    chunkSize: supports(backend, 'chunking') ? chunkSize : null,
    startupMs: null,
    firstMapMs: null,
    samples: [],
    stopped: 'finished',
  };
}

/** Records an error on the row: it stops sampling, and the report says what failed. */
export function failRow(row: RowMeasurement, error: unknown): void {
  const code = (error as { code?: unknown } | null)?.code;
  // A code from elsewhere (Node's MODULE_NOT_FOUND, a library's own) is not one of ours: the row
  // keeps a stable code, and the foreign one stays readable in the message.
  const ours = typeof code === 'string' && code.startsWith('PARABENCH_');
  const message = messageOf(error);
  row.error = ours
    ? { code, message }
    : { code: ErrorCode.BackendFailed, message: typeof code === 'string' || typeof code === 'number' ? `${message} (${code})` : message };
  row.stopped = 'failed';
}

/** A row for a combination that could not be measured at all, failed with `error`. */
export function failedRow(workload: string, combination: Combination, error: unknown): RowMeasurement {
  const row = newRow(workload, combination);
  failRow(row, error);
  return row;
}
