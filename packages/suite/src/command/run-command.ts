import { type ErrorCode, ParabenchError } from '@parabench/core';
import { describeMachine } from '../measure/machine.js';
import { planBackends, plannedNames } from '../measure/plan.js';
import type { ReportContext, Reporter, SuiteOptions } from '../model/index.js';
import { createComparisonReporter } from '../report/comparison.js';
import { createConsoleReporter } from '../report/console-reporter.js';
import { openFileReporters } from '../report/file-reporters.js';
import { loadBaseline } from '../report/json-read.js';
import { createProgress } from '../report/progress.js';
import { terminalWidth } from '../report/terminal.js';
import { runSuite } from '../run-suite.js';
import { selectBackends, selectWorkloads, type Catalog } from './catalog.js';
import { checkSweepSelection } from './options.js';
import { checkSameMachine, remainingWorkloads, type ResumePoint } from './resume.js';
import { noteHeapFlag, runnable } from './selection.js';
import { LOST_ENV, STATE_ENV } from './supervisor.js';

/**
 * A measuring run, as the CLI does it: select what to measure (on `--resume`, what the
 * interrupted run had left), plan, and run with reporters: the files, written once before
 * anything is measured and after each workload, so that an interruption loses only the workload
 * in progress; the progress bar; the console; the comparison. Resolves to true when every row
 * agreed with the reference.
 */
export async function runMeasurements(catalog: Catalog, options: SuiteOptions, resume: ResumePoint | undefined): Promise<boolean> {
  const machine = describeMachine();
  if (resume !== undefined) checkSameMachine(resume, machine);
  const cwd = process.cwd();
  const workloads = await selectWorkloads(catalog, options.workloads ?? [...catalog.workloads.keys()], cwd);
  const selected = runnable(await selectBackends(catalog, options.backends ?? [...catalog.backends.keys()], cwd), options.backends !== undefined);
  checkSweepSelection(
    options,
    workloads.length,
    selected.map((s) => s.backend),
  );
  const backends = planBackends(selected.map((s) => s.backend));
  const planned = plannedNames(workloads, backends);
  const remaining = resume === undefined ? planned.workloads : remainingWorkloads(resume, planned);
  const toRun = workloads.filter((loaded) => remaining.includes(loaded.definition.name));

  const baseline = options.compare === undefined ? undefined : loadBaseline(options.compare);
  const context: ReportContext = {
    machine,
    options,
    result: { planned, finished: [...(resume?.finished ?? [])], remaining: toRun.map((loaded) => loaded.definition.name) },
    baseline,
    resumedFrom: resume?.file,
  };
  const reporters = openReporters(context);
  noteHeapFlag();
  const result = await runSuite(toRun, backends, options, { reporters, context, lost: lostWorkloadFromEnv() });
  return result.finished.every((workload) => workload.rows.every((row) => row.status === 'ok'));
}

/** The CLI's reporters, in the order they print: the report files first, since opening one may stop the run. */
function openReporters(context: ReportContext): Reporter[] {
  const width = terminalWidth();
  const write = (text: string): void => void process.stdout.write(text);
  const warn = (message: string): void => void process.stderr.write(`parabench: ${message}\n`);
  const files = openFileReporters(context, { width, write }, warn, process.env[STATE_ENV]);
  return [
    createProgress(),
    createConsoleReporter({ width, wide: context.options.wide }, write),
    ...(context.baseline === undefined ? [] : [createComparisonReporter(context.baseline, width, write)]),
    ...files,
  ];
}

/** The workload the previous measuring process died on, as the supervisor passes it on. */
function lostWorkloadFromEnv(): { workload: string; error: Error } | undefined {
  const text = process.env[LOST_ENV];
  if (text === undefined) return undefined;
  const lost = JSON.parse(text) as { workload: string; code: ErrorCode; message: string };
  return { workload: lost.workload, error: new ParabenchError(lost.code, lost.message, { workload: lost.workload }) };
}
