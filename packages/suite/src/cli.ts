#!/usr/bin/env node
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { ErrorCode, isParabenchError, messageOf, missingNeeds } from '@parabench/core';
import { loadCatalog, type Catalog } from './catalog.js';
import { resolveOptions, type RawOptions } from './options.js';
import { loadResumePoint, resumeOptions } from './resume.js';
import { runMeasurements } from './run-command.js';
import { watchParent } from './parent-watch.js';
import { SIGNAL_EXIT, SUPERVISED_ENV, superviseRun } from './supervisor.js';

/** Exit statuses: every combination agreed; some failed or disagreed; the command line was wrong. */
const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

const program = new Command('parabench')
  .description('Time every workload × backend × worker count, and check that every backend computes what the sequential reference does.')
  .option('--workloads <list>', 'workload names or module paths, comma-separated (default: all found)')
  .option('--backends <list>', 'backend names, module paths or package names, comma-separated; sequential always runs (default: all found)')
  .option('--workers <list>', 'worker counts, comma-separated (default: 1 and os.availableParallelism())')
  .option('--size <size>', 'input size: quick, default or large (default: default)')
  .option('--quick', 'quick size and few samples: the whole matrix in about a minute on 2 cores')
  .option('--seed <n>', 'seed of the generated inputs (default: 1)')
  .option('--precision <percent>', 'stop timing a row once its 95% speed-up interval is within ± this percent (default: 2)')
  .option('--time <ms>', "time budget of each workload's rounds, after the minimum (default: 15000, 1000 with --quick)")
  .option('--min-rounds <n>', 'rounds every row is timed in before it may stop (default: 9, 6 with --quick)')
  .option('--slot <ms>', "least time of a row's slot in a round: shorter maps are repeated within it (default: 100, 20 with --quick)")
  .option('--warmup <ms>', 'warm-up per executor before the rounds, at least one map each (default: 200, 50 with --quick)')
  .option('--max-live-workers <n>', 'threads and processes a workload keeps alive at once; more run in batches (default: 64)')
  .option(
    '--max-memory <MiB>',
    'heap limit of each worker thread or process; a map that needs more fails its row (default: half the memory shared among the largest worker count)',
  )
  .option('--timeout <ms>', 'abandon a map after this long, terminating stuck workers (default: none)')
  .option('--chunk-size <auto|n>', 'items per chunk, for backends that chunk (default: auto)')
  .option('--sweep <what>', 'instead of the matrix, sweep one workload on one backend: chunk-size')
  .option('--gc', 'collect garbage before each slot, in the main thread and in every worker (runs node with --expose-gc)')
  .option('--wide', "every column in the terminal's tables (default: the speed-up with a bar, CPU cost, start-up, agrees)")
  .option('--json <file>', 'also write the results as JSON (schema in the suite README); rewritten after each workload')
  .option('--markdown <file>', 'also write the tables and hyperfine-style summary lines as Markdown')
  .option('--html <file>', 'also write one self-contained page with charts')
  .option('--compare <baseline.json>', 'compare each row with a saved --json run, beyond the noise of both')
  .option('--resume <run.json>', 'finish an interrupted run from its --json report: runs only what is missing, with its options, and writes there')
  .option('--list', 'list the workloads and backends found, and exit')
  .showHelpAfterError('(run parabench --help for the options)')
  .exitOverride();

/**
 * Ctrl-C or a kill ends the run at once with 128 + the signal, as shells expect. Installed
 * before any backend is loaded: some (threads.js) add handlers of their own that exit with 0.
 * Worker threads end with the process; cluster children leave when their IPC channel closes.
 */
function exitOnSignals(): void {
  for (const [signal, code] of Object.entries(SIGNAL_EXIT)) {
    process.on(signal, () => {
      process.stderr.write(`\nparabench: interrupted by ${signal}\n`);
      process.exit(code);
    });
  }
}

async function main(argv: readonly string[]): Promise<number> {
  // The measuring process (see superviseRun) leaves on signals, and with its supervisor.
  const supervised = process.env[SUPERVISED_ENV] === '1';
  if (supervised) {
    exitOnSignals();
    process.on('disconnect', () => process.exit(SIGNAL_EXIT.SIGTERM));
    watchParent();
  }
  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw error;
  }
  const raw = program.opts<RawOptions & { list?: boolean; resume?: string }>();
  const resume = raw.resume === undefined ? undefined : loadResumePoint(raw.resume);
  const options = resume === undefined ? resolveOptions(raw) : resumeOptions(raw, resume);
  if (raw.list !== true && !supervised) return superviseRun(argv, options);
  const catalog = await loadCatalog([process.cwd(), fileURLToPath(new URL('..', import.meta.url))]);
  for (const warning of catalog.warnings) process.stderr.write(`parabench: ${warning}\n`);
  if (raw.list === true) {
    process.stdout.write(renderList(catalog));
    return EXIT.ok;
  }
  return (await runMeasurements(catalog, options, resume)) ? EXIT.ok : EXIT.failed;
}

function renderList(catalog: Catalog): string {
  const section = (title: string, entries: Array<[string, string]>): string =>
    [`${title}:`, ...entries.map(([name, description]) => `  ${name.padEnd(18)} ${description}`)].join('\n');
  return `${[
    section(
      'Workloads',
      [...catalog.workloads.values()].map(({ definition }) => [definition.name, definition.description]),
    ),
    section(
      'Backends',
      [...catalog.backends.values()].map(({ backend }) => [backend.name, withNeeds(backend.description, missingNeeds(backend))]),
    ),
  ].join('\n\n')}\n`;
}

const withNeeds = (description: string, needs: string | undefined): string => (needs === undefined ? description : `${description} [needs ${needs}]`);

const USAGE_CODES: ReadonlySet<string> = new Set([ErrorCode.InvalidOptions, ErrorCode.InvalidModule]);

main(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      if (isParabenchError(error) && USAGE_CODES.has(error.code)) {
        process.stderr.write(`parabench: ${messageOf(error)}\n`);
        process.exitCode = EXIT.usage;
      } else {
        process.stderr.write(`parabench: unexpected failure\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        process.exitCode = EXIT.failed;
      }
    },
  )
  .finally(() => {
    // A supervised measuring process is done: its IPC channel would keep it alive.
    process.removeAllListeners('disconnect');
    if (process.connected) process.disconnect();
  });
