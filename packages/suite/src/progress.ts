import cliProgress from 'cli-progress';
import { formatRatio, rowLabel } from './format.js';
import type { WorkloadRun } from './results.js';

/** What the suite tells about its progress. */
export interface Progress {
  step(workload: string, index: number, total: number, text: string): void;
  workloadDone(run: WorkloadRun, index: number, total: number): void;
  stop(): void;
}

/**
 * On a terminal, a bar on stderr over the workloads with what is being done now (which executor
 * is starting, which round is running); otherwise (piped, or `CI` set) one plain line per
 * finished workload, which logs read better.
 */
export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (stream.isTTY !== true || process.env.CI !== undefined) return plainProgress(stream);
  const bar = new cliProgress.SingleBar(
    { stream, format: '{bar} {value}/{total} workloads | {label}', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    step(workload, index, total, text) {
      if (!started) bar.start(total, index, { label: '' });
      started = true;
      bar.update(index, { label: `${workload} · ${text}` });
    },
    workloadDone(_run, index) {
      bar.update(index + 1);
    },
    stop: () => bar.stop(),
  };
}

function plainProgress(stream: NodeJS.WriteStream): Progress {
  return {
    step() {},
    workloadDone(run, index, total) {
      const winner = run.verdict.winner;
      const failed = run.rows.filter((row) => row.status !== 'ok').length;
      const outcome =
        failed === run.rows.length
          ? 'every row failed'
          : `${winner === null ? 'nothing beats the loop' : `${rowLabel(winner)} fastest at ${formatRatio(winner.speedup)}`}${failed > 0 ? `; ${failed} failed` : ''}`;
      stream.write(`[${index + 1}/${total}] ${run.workload}: ${run.rows.length} rows, ${run.rounds} rounds; ${outcome}\n`);
    },
    stop() {},
  };
}
