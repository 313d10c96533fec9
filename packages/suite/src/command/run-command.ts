import { describeMachine } from '../measure/machine.js';
import { plannedNames } from '../measure/plan.js';
import { processForkRunner } from '../measure/process-fork-runner.js';
import type { ReportContext, Reporter, RuntimeInfo, SuiteOptions, SuiteResult } from '../model/index.js';
import { createComparisonReporter } from '../report/comparison.js';
import { createConsoleReporter } from '../report/console-reporter.js';
import { openFileReporters } from '../report/file-reporters.js';
import { loadBaseline } from '../report/json-read.js';
import { createProgress } from '../report/progress.js';
import { terminalWidth } from '../report/terminal.js';
import { runSuite, type RuntimeRunner } from '../run-suite.js';
import { checkComparable } from './baseline-check.js';
import { checkInputs } from './inputs.js';
import { selectBackends, selectWorkloads, type Catalog } from './catalog.js';
import { checkSweepSelection } from './options.js';
import { checkSameMachine, remainingWorkloads, type ResumePoint } from './resume.js';
import { resolveRuntimes } from './runtimes.js';
import { noteHeapFlag, runnable } from './selection.js';
import { stopOnSignals } from './signals.js';

/**
 * A measuring run, as the CLI does it: select what to measure (on `--resume`, what the
 * interrupted run had left), plan, and run with reporters: the files, written once before
 * anything is measured and after each workload, so that an interruption loses only the workload
 * in progress; the progress bar; the console; the comparison. Every map runs in a fork, never in
 * this process, so Ctrl-C always works. Resolves to true when the run is complete and every row
 * agreed with the reference.
 */
export async function runMeasurements(
  catalog: Catalog,
  options: SuiteOptions,
  resume: ResumePoint | undefined,
  quiet = false,
): Promise<{ ok: boolean; result: SuiteResult }> {
  const resolved = resolveRuntimes(options.runtimes);
  const machine = describeMachine(resolved);
  if (resume !== undefined) checkSameMachine(resume, machine);
  const cwd = process.cwd();
  const workloads = await selectWorkloads(catalog, options.workloads ?? [...catalog.workloads.keys()], cwd);
  const backends = runnable(await selectBackends(catalog, options.backends ?? [...catalog.backends.keys()], cwd), options.backends !== undefined);
  checkSweepSelection(
    options,
    workloads.length,
    backends.map((s) => s.backend),
  );
  const planned = plannedNames(
    workloads,
    backends.map(({ backend }) => backend),
  );
  const remaining = resume === undefined ? planned.workloads : remainingWorkloads(resume, planned);
  const toRun = workloads.filter((loaded) => remaining.includes(loaded.definition.name));

  const inputs = checkInputs(toRun, options);
  const baseline = options.compare === undefined ? undefined : loadBaseline(options.compare);
  if (baseline !== undefined) checkComparable(baseline, options, inputs);
  const context: ReportContext = {
    machine,
    options,
    result: { planned, finished: [...(resume?.finished ?? [])], remaining: toRun.map((loaded) => loaded.definition.name) },
    baseline,
    resumedFrom: resume?.file,
  };
  const reporters = openReporters(context, quiet);
  noteHeapFlag();
  const runtimes = runtimeRunners(resolved, options);
  stopOnSignals(() => {
    for (const { runner } of runtimes) runner.stop();
  });
  const result = await runSuite(toRun, backends, options, { reporters, context, runtimes });
  return { ok: result.remaining.length === 0 && result.finished.every((workload) => workload.rows.every((row) => row.status === 'ok')), result };
}

/**
 * A fork runner per runtime. In a runtime other than the Node that runs the CLI, a fork that
 * hangs (a pool that never answers there) is stopped after {@link FOREIGN_LIMIT_MS} in one start
 * or one map, unless `--timeout` says otherwise: what it was doing fails, and the run goes on.
 */
function runtimeRunners(runtimes: readonly RuntimeInfo[], options: SuiteOptions): RuntimeRunner[] {
  return runtimes.map((runtime) => {
    const foreign = runtime.binary !== process.execPath;
    const timeout = options.timeout ?? (foreign ? FOREIGN_LIMIT_MS : undefined);
    return { runtime, runner: processForkRunner({ exposeGc: options.gc, timeout, runtime, startLimitMs: foreign ? FOREIGN_LIMIT_MS : undefined }) };
  });
}

/** How long a fork in another runtime may spend in one start or one map before it counts as hung. */
const FOREIGN_LIMIT_MS = 120_000;

/** The CLI's reporters, in the order they print: the report files are opened first, since opening one may stop the run. `quiet`: no console. */
function openReporters(context: ReportContext, quiet: boolean): Reporter[] {
  const width = terminalWidth();
  const write = (text: string): void => void process.stdout.write(text);
  const warn = (message: string): void => void process.stderr.write(`parabench: ${message}\n`);
  const files = openFileReporters(context, { width, write }, warn);
  if (quiet) return [createProgress(), ...files];
  return [
    createProgress(),
    createConsoleReporter({ width, wide: context.options.wide }, write),
    ...(context.baseline === undefined ? [] : [createComparisonReporter(context.baseline, width, write)]),
    ...files,
  ];
}
