import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  AbortedError,
  createExecutor,
  defineBackend,
  loadWorkload,
  mapItem,
  settleOnAbort,
  validateWorkers,
  type Backend,
  type MapRequest,
} from '@parabench/core';

const NAME = 'async';

/**
 * `workers` concurrent lanes on the main thread's event loop. Each lane takes the next item and
 * maps it; while it waits on a result that is a promise, the other lanes run. A lane whose items
 * return plain values keeps the loop for a time slice and then yields, as CPython's threads hold
 * the GIL for a switch interval: lanes interleave but never run at once, so CPU-bound work gets no
 * speed-up and work that waits (timers, I/O) does.
 */
const asyncBackend: Backend = defineBackend({
  name: NAME,
  description: "Concurrent lanes on the main thread's event loop: concurrency without parallelism (Python's ThreadPool under the GIL).",
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

/**
 * How long a lane keeps the event loop before it yields, in ms: CPython's switch interval. Yielding
 * after every item instead would cost a turn of the loop per item (about 1 µs), 100× the work of
 * an item of tiny-tasks, and the backend would time the loop's turns rather than the map.
 */
const SLICE_MS = 5;
/** Most items mapped between looks at the clock: reading it costs several tiny items. */
const MAX_ITEMS_PER_CLOCK_READ = 1024;

async function mapInLanes({ workloadUrl, items, context, signal }: MapRequest, lanes: number): Promise<unknown[]> {
  const workload = await loadWorkload(workloadUrl);
  const results = new Array<unknown>(items.length);
  let next = 0;
  let failed = false;

  const lane = async (): Promise<void> => {
    let sliceStart = performance.now();
    let lastRead = sliceStart;
    let mapped = 0;
    let readEvery = 1; // items between clock reads, learned so that a read comes about 8 times a slice
    while (!failed && next < items.length) {
      if (signal?.aborted === true) throw new AbortedError({ backend: NAME, workload: workload.name, cause: signal.reason });
      const index = next++;
      const result = mapItem(workload, items[index], context, NAME, index);
      if (result instanceof Promise) {
        results[index] = await untilAborted(result, signal, workload.name);
        sliceStart = lastRead = performance.now(); // waiting was this lane's yield
        mapped = 0;
        continue;
      }
      results[index] = result;
      if (++mapped < readEvery) continue;
      const now = performance.now();
      readEvery = Math.max(1, Math.min(MAX_ITEMS_PER_CLOCK_READ, Math.floor(SLICE_MS / 8 / Math.max((now - lastRead) / mapped, 1e-6))));
      lastRead = now;
      mapped = 0;
      if (now - sliceStart >= SLICE_MS) {
        await nextTurn();
        sliceStart = lastRead = performance.now();
      }
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
  if (!(value instanceof Promise)) return value;
  return settleOnAbort(value, signal, () => new AbortedError({ backend: NAME, workload, cause: signal?.reason }));
}
