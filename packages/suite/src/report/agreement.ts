import type { Agreement, Tally } from '../analysis/agreement.js';

/** The share an honest 95% interval holds another run's estimate: the difference of two estimates has √2 times the spread of one. */
const HONEST_SHARE = 0.83;

const share = ({ held, pairs }: Tally): string => (pairs === 0 ? '—' : `${Math.round((held / pairs) * 100)}% (${held} of ${pairs})`);

const OUTCOME = { pays: 'pays', 'does-not-pay': 'does not pay', undecided: 'undecided', 'no-answer': 'no answer' } as const;

/** How far the runs of `--repeat` agree, for the console. */
export function renderAgreement(agreement: Agreement): string {
  const lines = [`Agreement over ${agreement.runs} runs of the same command`];
  for (const workload of agreement.workloads) {
    const answers = workload.answers.map((answer) => (answer.outcome === 'pays' ? (answer.fastest ?? '?') : OUTCOME[answer.outcome])).join(' | ');
    lines.push(`  ${workload.workload}: ${workload.verdictsAgree ? 'verdicts agree' : 'VERDICTS DIFFER'} (${answers})`);
    const drift = workload.drift.filter((entry) => entry.largest > 0);
    if (drift.length > 0) {
      const figures = drift.map((entry) => `${entry.row} ${(entry.largest * 100).toFixed(1)}%`).join(', ');
      lines.push(`    largest difference between runs of a decided row's speed-up: ${figures}`);
    }
    lines.push(`    calibration: one run's 95% interval held another run's estimate in ${share(workload.calibration)}`);
  }
  lines.push(
    `Calibration over every row and ordered pair of runs: ${share(agreement.calibration)}. Honest 95% intervals hold another run's estimate about ${Math.round(HONEST_SHARE * 100)}% of the time; far less means the intervals are too narrow for what the next run sees.`,
  );
  return `${lines.join('\n')}\n`;
}
