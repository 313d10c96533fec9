import { runChunkTask } from '@parabench/core/worker';

// workerpool takes a thread that has `self`, `postMessage` and `addEventListener` for a browser's
// web worker, and answers through the global postMessage. Bun's worker threads have all three,
// and what workerpool sends that way never reaches the pool, which then waits forever. Without
// `self` it uses node:worker_threads' parentPort, as on Node. It looks again while it runs, so
// `self` stays hidden in this thread (workloads are Node code, and do not use it).
if ('Bun' in globalThis) Reflect.deleteProperty(globalThis, 'self');
const { default: workerpool } = await import('workerpool');

workerpool.worker({ runChunkTask });
