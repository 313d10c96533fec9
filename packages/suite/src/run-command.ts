import { type ErrorCode, InvalidOptionsError, missingNeeds, ParabenchError } from '@parabench/core';
import { describeMachine } from './machine.js';
import { lostWorkload } from './measure-workload.js';
import { LOST_ENV, STATE_ENV } from './supervisor.js';
import { rateWorkload } from './workload-run.js';
import { renderHeader, renderSummary, renderVerdicts, renderWorkload } from './console-report.js';
import { selectBackends, selectWorkloads, type Catalog, type LoadedBackend } from './catalog.js';
import { checkSweepSelection, type SuiteOptions } from './options.js';
import { planBackends } from './plan.js';
import { createProgress } from './progress.js';
import { openReportFiles } from './report-files.js';
import { checkSameMachine, remainingWorkloads, type ResumePoint } from './resume.js';
import { planOf, runSuite, type SuiteResult } from './run-suite.js';
import { fitLines, terminalWidth } from './terminal.js';

/**
 * A measuring run, as the CLI does it: select what to measure (on `--resume`, what the
 * interrupted run had left), write every report once before anything is measured, measure,
 * and rewrite the reports after each workload, so that an interruption loses only the workload
 * in progress. Resolves to true when every row agreed with the reference.
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
  const plan = planOf(workloads, backends);
  const remaining = resume === undefined ? plan.workloads : remainingWorkloads(resume, plan);
  const toRun = workloads.filter((loaded) => remaining.includes(loaded.definition.name));

  const state: SuiteResult = { plan, runs: [...(resume?.runs ?? [])], remaining: toRun.map((loaded) => loaded.definition.name) };
  const reports = openReportFiles(machine, options, state, (message) => process.stderr.write(`parabench: ${message}\n`), process.env[STATE_ENV]);
  const width = terminalWidth();
  process.stdout.write(renderHeader(machine, options, width));
  if (resume !== undefined) {
    const done = state.runs.map((run) => run.workload);
    process.stdout.write(
      `${fitLines(`Resuming ${resume.file}: ${done.length === 0 ? 'nothing' : done.join(', ')} done, ${state.remaining.join(', ')} to run.`, width)}\n`,
    );
  }
  const heapFlag = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].find((flag) => /^--max-(old-space|heap)-size/.test(flag));
  if (heapFlag !== undefined) {
    process.stderr.write(
      `parabench: node runs with ${heapFlag}, which overrides every worker thread's heap limit: --max-memory limits only worker processes in this run\n`,
    );
  }
  const lost = lostWorkloadFromEnv();
  if (lost !== undefined && toRun[0]?.definition.name === lost.workload) {
    const loaded = toRun.shift() as (typeof toRun)[number];
    const error = new ParabenchError(lost.code as ErrorCode, lost.message, { workload: lost.workload });
    state.runs.push(rateWorkload(lostWorkload(loaded, backends, options, error)));
    state.remaining = state.remaining.filter((name) => name !== lost.workload);
    reports.update(state);
  }
  const progress = createProgress();
  await runSuite(toRun, backends, options, {
    onStep: ({ workload, index, total, text }) => progress.step(workload, index, total, text),
    onWorkload: (run, index, total) => {
      state.runs.push(run);
      state.remaining = state.remaining.filter((name) => name !== run.workload);
      reports.update(state);
      progress.workloadDone(run, index, total);
    },
  }).finally(() => progress.stop());

  for (const run of state.runs) process.stdout.write(`\n${renderWorkload(run, options, { wide: options.wide, width })}`);
  process.stdout.write(`\n${renderVerdicts(state.runs, width)}`);
  process.stdout.write(`\n${renderSummary(state.runs, width)}`);
  process.stdout.write(fitLines(reports.finish(state).text, width));
  return state.runs.every((run) => run.rows.every((row) => row.status === 'ok'));
}

/** The workload the previous measuring process died on, as the supervisor passes it on. */
function lostWorkloadFromEnv(): { workload: string; code: string; message: string } | undefined {
  const text = process.env[LOST_ENV];
  return text === undefined ? undefined : (JSON.parse(text) as { workload: string; code: string; message: string });
}

/**
 * Backends that need what this machine lacks (see `Backend.needs`): left out of a default run
 * with a one-line note each, refused when asked for by name.
 */
function runnable(selected: LoadedBackend[], named: boolean): LoadedBackend[] {
  const kept: LoadedBackend[] = [];
  for (const loaded of selected) {
    const needs = missingNeeds(loaded.backend);
    if (needs === undefined) kept.push(loaded);
    else if (named) throw new InvalidOptionsError(`backend "${loaded.backend.name}" cannot run here: it needs ${needs}`);
    else process.stderr.write(`parabench: skipping backend ${loaded.backend.name}: it needs ${needs}\n`);
  }
  return kept;
}
