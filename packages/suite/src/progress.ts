import cliProgress from 'cli-progress';
import { formatMs } from './format.js';
import type { RowResult } from './results.js';

/** What the suite tells about its progress. */
export interface Progress {
  start(label: string, done: number, total: number): void;
  finish(row: RowResult, done: number, total: number): void;
  stop(): void;
}

/**
 * On a terminal, a bar on stderr with the combination being measured and an ETA; otherwise
 * (piped, or `CI` set) one plain line per finished combination, which logs read better.
 */
export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (stream.isTTY !== true || process.env.CI !== undefined) return plainProgress(stream);
  const bar = new cliProgress.SingleBar(
    { stream, format: '{bar} {value}/{total} | ETA {eta_formatted} | {label}', hideCursor: true, clearOnComplete: true, etaBuffer: 8 },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    start(label, done, total) {
      if (!started) bar.start(total, done, { label });
      started = true;
      bar.setTotal(total);
      bar.update(done, { label });
    },
    finish(_row, done) {
      bar.update(done);
    },
    stop: () => bar.stop(),
  };
}

function plainProgress(stream: NodeJS.WriteStream): Progress {
  return {
    start() {},
    finish(row, done, total) {
      const outcome = row.status === 'ok' ? formatMs(row.meanMs) : row.status;
      stream.write(`[${done}/${total}] ${row.workload} · ${row.backend} × ${row.workers}${typeof row.chunkSize === 'number' ? ` (chunk ${row.chunkSize})` : ''}: ${outcome}\n`);
    },
    stop() {},
  };
}
