import { InvalidOptionsError } from '../errors.js';

/** A run of consecutive items: `items.slice(start, end)`. */
export interface ChunkRange {
  start: number;
  end: number;
}

/**
 * How a pool sizes chunks: a `chunkSize` option (a positive integer, or `'auto'`) and, for
 * `'auto'`, how many chunks each worker gets.
 */
export interface ChunkRule {
  chunkSize: number | 'auto';
  /** Chunks per worker with `'auto'`. */
  perWorker: number;
}

/**
 * Chunks per worker with `'auto'` in pools that keep a worker's next chunk waiting (`startPool`, the
 * bullmq backend): enough to even out uneven items, few enough that messaging stays cheap.
 */
export const CHUNKS_PER_WORKER_QUEUED = 4;
/** Chunks per worker with `'auto'` in pools whose context travels with every chunk (`startTaskPool`): one, so it travels once. */
export const CHUNKS_PER_WORKER_CONTEXT_EACH = 1;

/** Checks a `chunkSize` option once, at start: `undefined` means `'auto'`. */
export function chunkRule(chunkSize: number | 'auto' | undefined, perWorker: number): ChunkRule {
  if (chunkSize === undefined || chunkSize === 'auto') return { chunkSize: 'auto', perWorker };
  if (typeof chunkSize !== 'number' || !Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new InvalidOptionsError(`chunkSize must be 'auto' or a positive integer, got ${String(chunkSize)}`);
  }
  return { chunkSize, perWorker };
}

/** The one place a chunk size is decided: the items per chunk for a map of `itemCount` items on `workers` workers. */
export function resolveChunkSize(rule: ChunkRule, itemCount: number, workers: number): number {
  return rule.chunkSize === 'auto' ? Math.max(1, Math.ceil(itemCount / (workers * rule.perWorker))) : rule.chunkSize;
}

/** Splits `itemCount` items into chunks of `size` (the last may be shorter). */
export function planChunks(itemCount: number, size: number): ChunkRange[] {
  const chunks: ChunkRange[] = [];
  for (let start = 0; start < itemCount; start += size) chunks.push({ start, end: Math.min(start + size, itemCount) });
  return chunks;
}
