import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  AbortedError,
  createExecutor,
  defineBackend,
  loadWorkload,
  mapItem,
  validateWorkers,
  type Backend,
  type MapRequest,
} from '@parabench/core';

const NAME = 'async';

/**
 * `workers` concurrent lanes on the main thread's event loop. Each lane takes the next
 * item, maps it, and yields to the loop before the next one, so lanes interleave but
 * never run at once: CPU-bound work gets no speed-up, work that waits (timers, I/O) does.
 */
const asyncBackend: Backend = defineBackend({
  name: NAME,
  description: 'Concurrent lanes on the main thread\'s event loop: concurrency without parallelism (Python\'s ThreadPool under the GIL).',
  runsOn: 'main-thread',
  supports: { workers: true, concurrentMaps: true, abort: true },
  async start(options) {
    const lanes = validateWorkers(options.workers);
    return createExecutor(asyncBackend, {
      map: (request) => mapInLanes(request, lanes),
      close() {},
    });
  },
});

export default asyncBackend;

async function mapInLanes({ workload: specifier, items, context, signal }: MapRequest, lanes: number): Promise<unknown[]> {
  const workload = await loadWorkload(specifier);
  const results = new Array<unknown>(items.length);
  let next = 0;
  let failed = false;

  const lane = async (): Promise<void> => {
    while (!failed && next < items.length) {
      if (signal?.aborted === true) throw new AbortedError({ backend: NAME, workload: workload.name, cause: signal.reason });
      const index = next++;
      results[index] = await untilAborted(mapItem(workload, items[index], context, NAME, index), signal, workload.name);
      await nextTurn();
    }
  };

  await Promise.all(
    Array.from({ length: Math.min(lanes, items.length) }, () =>
      lane().catch((error: unknown) => {
        failed = true;
        throw error;
      }),
    ),
  );
  return results;
}

/** An item that waits forever must not hold the map: the signal settles it (the item itself cannot be stopped). */
function untilAborted(value: unknown, signal: AbortSignal | undefined, workload: string): unknown {
  if (signal === undefined || !(value instanceof Promise)) return value;
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(new AbortedError({ backend: NAME, workload, cause: signal.reason }));
    signal.addEventListener('abort', onAbort, { once: true });
    value.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
