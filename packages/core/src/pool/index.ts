// What a backend author needs to write transport, not a pool (documented in core's README).
// Executors that own their workers:
export { startPool } from './pool.js';
export type { PoolOptions, WorkerEvents, WorkerHandle } from './pool-state.js';
export type { PoolBaseOptions } from './startup.js';
export type { FromWorker, ToWorker } from './protocol.js';
export { threadExitDetail, threadExitError } from './seats.js';
// Executors on a pool library that picks the worker itself:
export { startTaskPool, type TaskPoolOptions, type TaskTransport } from './task-pool.js';
export type { ChunkTask, SeatedTask, TaskOutcome } from './task.js';
export { createSeats, type Seat, type Seats } from './seats.js';
export { replaceablePool, type ReplaceablePoolSpec } from './replaceable-pool.js';
export { swappable, type Swappable } from './swappable.js';
// Transports that chunk on their own (the bullmq backend): the same sizing rule, and failures
// that travel as data and come back as parabench errors.
export { chunkRule, resolveChunkSize, planChunks, CHUNKS_PER_WORKER_QUEUED, type ChunkRange, type ChunkRule } from './chunks.js';
export { serializeError, reviveFailure, type SerializedError, type WorkerFailure } from './protocol.js';
