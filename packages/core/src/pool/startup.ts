import { StartTimeoutError } from '../errors.js';

/** How long a pool waits for its workers to be ready, unless told otherwise. */
export const DEFAULT_STARTUP_TIMEOUT_MS = 30_000;

/**
 * Rejects with `PARABENCH_START_TIMEOUT` when the workers are not ready in time: a worker that
 * hangs while it starts must not hang `start()` with it.
 */
export async function withinStartup<T>(ready: Promise<T>, timeoutMs: number, backend: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StartTimeoutError(`workers were not ready within ${timeoutMs} ms of start()`, { backend })), timeoutMs);
  });
  try {
    return await Promise.race([ready, late]);
  } finally {
    clearTimeout(timer);
  }
}
