import type { Reporter } from '../model/index.js';
import { renderCompatibility, renderHeader, renderSummary, renderVerdicts, renderWorkload } from './console.js';
import { fitLines } from './terminal.js';
import { manyRuntimes } from './wording.js';

/**
 * The console: the machine and the run's settings before anything is measured, then, once the run
 * is over, every workload's verdict and table, all verdicts together, and which combinations failed.
 */
export function createConsoleReporter(options: { width: number; wide: boolean }, write: (text: string) => void): Reporter {
  const { width, wide } = options;
  return {
    onStart(context) {
      write(renderHeader(context.machine, context.options, width));
      if (context.resumedFrom === undefined) return;
      const done = context.result.finished.map((workload) => workload.workload);
      write(
        `${fitLines(`Resuming ${context.resumedFrom}: ${done.length === 0 ? 'nothing' : done.join(', ')} done, ${context.result.remaining.join(', ')} to run.`, width)}\n`,
      );
    },
    onEnd(context, error) {
      if (error !== undefined) return;
      const { finished } = context.result;
      const runtimes = manyRuntimes(finished);
      for (const workload of finished) write(`\n${renderWorkload(workload, { wide, width, runtimes })}`);
      write(`\n${renderVerdicts(finished, width)}`);
      write(`\n${renderSummary(finished, width)}`);
      const matrix = renderCompatibility(finished, width);
      if (matrix !== '') write(`\n${matrix}`);
    },
  };
}
