/**
 * What a backend's worker script imports: the worker side of the pool and nothing of the main
 * side. Every module a worker loads is loaded again in each thread or process it starts, so this
 * entry keeps start-up short (`@parabench/core/pool` would also load the pools, chunking and
 * seat bookkeeping that only the main thread runs).
 */
export { serveMaps, type ServeOptions, type WorkerPort } from './pool/worker-runtime.js';
export { runChunkTask, runSeatedTask, collectGarbage, type ChunkTask, type SeatedTask, type TaskOutcome } from './pool/task.js';
