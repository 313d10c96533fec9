import { settleWithin } from '../abort.js';
import type { Backend } from '../backend.js';
import { StartTimeoutError } from '../errors.js';

/** What both of core's executors take, beside their transport. */
export interface PoolBaseOptions {
  backend: Pick<Backend, 'name' | 'supports'>;
  /** Positive integer. */
  workers: number;
  /** Items per chunk (one message or task each). @default 'auto': four per worker with `startPool`, one with `startTaskPool` */
  chunkSize?: number | 'auto' | undefined;
  /** How long `start()` waits for every worker to say it is ready. @default 30000 */
  startupTimeoutMs?: number | undefined;
}

/** How long a pool waits for its workers to be ready, unless told otherwise. */
export const DEFAULT_STARTUP_TIMEOUT_MS = 30_000;

/**
 * Rejects with `PARABENCH_START_TIMEOUT` when the workers are not ready in time: a worker that
 * hangs while it starts must not hang `start()` with it.
 */
export function withinStartup<T>(ready: Promise<T>, timeoutMs: number, backend: string): Promise<T> {
  return settleWithin(ready, timeoutMs, () => new StartTimeoutError(`workers were not ready within ${timeoutMs} ms of start()`, { backend }));
}
