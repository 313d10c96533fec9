import { InvalidOptionsError } from '../errors.js';

/** A run of consecutive items: `items.slice(start, end)`. */
export interface ChunkRange {
  start: number;
  end: number;
}

/** Chunks per worker with automatic sizing: enough to even out uneven items, few enough that messaging stays cheap. */
export const AUTO_CHUNKS_PER_WORKER = 4;

/**
 * Splits `itemCount` items into chunks. With `'auto'`, about {@link AUTO_CHUNKS_PER_WORKER}
 * chunks per worker; with a number, chunks of that many items (the last may be shorter).
 */
export function planChunks(itemCount: number, workers: number, chunkSize: number | 'auto' = 'auto'): ChunkRange[] {
  const size = chunkSize === 'auto' ? autoChunkSize(itemCount, workers) : validateChunkSize(chunkSize);
  const chunks: ChunkRange[] = [];
  for (let start = 0; start < itemCount; start += size) chunks.push({ start, end: Math.min(start + size, itemCount) });
  return chunks;
}

export function autoChunkSize(itemCount: number, workers: number): number {
  return Math.max(1, Math.ceil(itemCount / (workers * AUTO_CHUNKS_PER_WORKER)));
}

export function validateChunkSize(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new InvalidOptionsError(`chunkSize must be 'auto' or a positive integer, got ${String(value)}`);
  }
  return value;
}

/** `undefined` and `'auto'` mean automatic sizing; anything else must be a positive integer. */
export function normalizeChunkSize(value: number | 'auto' | undefined): number | 'auto' {
  return value === undefined || value === 'auto' ? 'auto' : validateChunkSize(value);
}
