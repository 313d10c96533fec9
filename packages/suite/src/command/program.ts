import { Command } from 'commander';

/** Exit statuses: every combination agreed; some failed or disagreed; the command line was wrong. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** The command line: every option with its help text and default. */
export const program = new Command('parabench')
  .description('Time every workload × backend × worker count, and check that every backend computes what the sequential reference does.')
  .option('--workloads <list>', 'workload names or module paths, comma-separated (default: all found)')
  .option('--backends <list>', 'backend names, module paths or package names, comma-separated; sequential always runs (default: all found)')
  .option('--workers <list>', 'worker counts, comma-separated (default: 1 and os.availableParallelism())')
  .option('--size <size>', 'input size: quick, default or large (default: default)')
  .option('--quick', 'quick size and few samples: the whole matrix in about 45 s on 2 cores')
  .option('--seed <n>', 'seed of the generated inputs (default: 1)')
  .option('--forks <n>', 'fresh measuring processes per workload, at least (default: 3, 2 with --quick)')
  .option('--rounds <n>', 'rounds in each fork, at least (default: 1; the first fork takes 2 or more)')
  .option('--time <ms>', 'time budget of each workload: past --forks, more forks run while the verdict is undecided (default: 20000, 2000 with --quick)')
  .option('--margin <percent>', 'equivalence margin: speed-ups shown to differ by less than this are equivalent (default: 3)')
  .option('--slot <ms>', "least time of a row's slot in a round: shorter maps are repeated within it (default: 100, 10 with --quick)")
  .option('--warmup <ms>', 'warm-up per executor before the rounds, at least one map each (default: 200, 20 with --quick)')
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
  .option(
    '--runtimes <list>',
    'runtimes to measure in, each against its own loop: node, node@22, bun, deno, or binary paths (default: node, the one running this)',
  )
  .option('--repeat <n>', 'run the whole command n times, and say how far the runs agree (verdicts, drift, calibration of the intervals)')
  .option('--list', 'list the workloads and backends found, and exit')
  .showHelpAfterError('(run parabench --help for the options)')
  .exitOverride();
