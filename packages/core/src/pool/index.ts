export { startPool } from './pool.js';
export type { PoolOptions, WorkerEvents, WorkerHandle } from './pool-state.js';
export { serveMaps, type ServeOptions, type WorkerPort } from './worker-runtime.js';
export { planChunks, autoChunkSize, AUTO_CHUNKS_PER_WORKER, type ChunkRange } from './chunks.js';
export { serializeError, deserializeError, type FromWorker, type ToWorker, type SerializedError, type WorkerFailure } from './protocol.js';
export { isCloneable } from './cloneable.js';
export { startTaskPool, type TaskPoolOptions, type TaskTransport } from './task-pool.js';
export { runChunkTask, type ChunkTask, type TaskOutcome } from './task.js';
export { reviveFailure } from './protocol.js';
