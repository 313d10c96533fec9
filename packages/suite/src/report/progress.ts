import cliProgress from 'cli-progress';
import type { Reporter, WorkloadResult } from '../model/index.js';
import { formatRatio } from './format.js';
import { rowLabel } from './wording.js';

/**
 * Progress on stderr. On a terminal, a bar over the workloads with what is being done now (which
 * executor is starting, which round is running); otherwise (piped, or `CI` set) one plain line
 * per finished workload, which logs read better.
 */
export function createProgress(stream: NodeJS.WriteStream = process.stderr): Reporter {
  if (stream.isTTY !== true || process.env.CI !== undefined) return plainProgress(stream);
  const bar = new cliProgress.SingleBar(
    { stream, format: '{bar} {value}/{total} workloads | {label}', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    onProgress(_context, { workload, index, total, text }) {
      if (!started) bar.start(total, index, { label: '' });
      started = true;
      bar.update(index, { label: `${workload} · ${text}` });
    },
    onWorkload(_context, _workload, { index }) {
      bar.update(index + 1);
    },
    onEnd: () => bar.stop(),
  };
}

function plainProgress(stream: NodeJS.WriteStream): Reporter {
  return {
    onWorkload(_context, workload, { index, total }) {
      stream.write(
        `[${index + 1}/${total}] ${workload.workload}${workload.runtime === 'node' ? '' : ` on ${workload.runtime}`}: ${workload.rows.length} rows, ${workload.forks} fork${workload.forks === 1 ? '' : 's'}, ${workload.rounds} rounds; ${outcome(workload)}\n`,
      );
    },
  };
}

function outcome({ rows, verdict }: WorkloadResult): string {
  const failed = rows.filter((row) => row.status !== 'ok').length;
  if (failed === rows.length) return 'every row failed';
  const answer =
    verdict.outcome === 'pays'
      ? `${rowLabel(verdict.fastest)} fastest at ${formatRatio(verdict.fastest.speedup)}`
      : verdict.outcome === 'does-not-pay'
        ? 'does not pay'
        : 'undecided';
  return `${answer}${failed > 0 ? `; ${failed} failed` : ''}`;
}
