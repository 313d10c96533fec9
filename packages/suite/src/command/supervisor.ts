import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ErrorCode, isOutOfMemory } from '@parabench/core';
import type { SuiteOptions } from '../model/index.js';
import { readReport } from '../report/json-read.js';

/** Set in the measuring process, so that it knows it is supervised. */
export const SUPERVISED_ENV = 'PARABENCH_SUPERVISED';
/** Where the measuring process keeps its JSON report when the command line asked for none. */
export const STATE_ENV = 'PARABENCH_STATE';
/** The workload a measuring process died on, for the next one to report: `{ workload, code, message }`. */
export const LOST_ENV = 'PARABENCH_LOST_WORKLOAD';

/** Exit statuses for the signals the CLI passes on, as shells expect: 128 + the signal's number. */
export const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;
const cliPath = fileURLToPath(new URL('../cli.js', import.meta.url));

/**
 * Runs the measurements in a child process and watches it. The main thread runs the sequential
 * reference and the backends that share it, and nothing survives running out of memory there:
 * when the child dies that way (or is killed by anything but us), the workload it was measuring
 * is reported as failed, and a new child resumes the run from its JSON report. Ctrl-C and
 * SIGTERM are passed on; if this process is killed, the child leaves with it (see parent-watch).
 */
export async function superviseRun(argv: readonly string[], options: SuiteOptions): Promise<number> {
  const scratch = mkdtempSync(join(tmpdir(), 'parabench-run-'));
  const ownState = options.json === undefined;
  const statePath = options.json === undefined ? join(scratch, 'run.json') : resolve(options.json);
  let args = [...argv];
  let lost: string | undefined;
  let lostName: string | undefined;
  try {
    for (;;) {
      const { code, signal, outOfMemory, forwarded } = await runChild(args, options.gc, scratch, ownState ? statePath : undefined, lost);
      if (forwarded !== undefined) return code ?? SIGNAL_EXIT[forwarded];
      const crashed = signal !== null || code === 134;
      if (!crashed) return code ?? 1;
      const state = readReport(statePath);
      const workload = state?.remaining[0];
      if (workload === undefined || workload === lostName) {
        // Nothing saved to resume from, or a resumed process that died again on the workload it was to skip.
        process.stderr.write(
          `parabench: the measuring process died (${signal ?? `exit code ${code}`}) ${workload === undefined ? 'before it saved anything to resume from' : `again at ${workload}`}\n`,
        );
        return 1;
      }
      const how = outOfMemory ? 'ran out of memory on the main thread' : `died (${signal ?? `exit code ${code}`})`;
      process.stderr.write(`parabench: the measuring process ${how} while measuring ${workload}; reporting ${workload} as failed and resuming the rest\n`);
      lostName = workload;
      lost = JSON.stringify({
        workload,
        code: outOfMemory ? ErrorCode.OutOfMemory : ErrorCode.WorkerExited,
        message: `the measuring process ${how} while measuring this workload (the reference and the main-thread backends run there)`,
      });
      args = withResume(argv, statePath);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

interface ChildEnd {
  code: number | null;
  signal: NodeJS.Signals | null;
  outOfMemory: boolean;
  /** The signal this process passed on, if that is how the child ended. */
  forwarded: keyof typeof SIGNAL_EXIT | undefined;
}

/**
 * One measuring process. With `--report-on-fatalerror` Node writes a diagnostic report when V8
 * gives up, whose event says whether it ran out of heap; stdio stays the terminal's, so that the
 * progress bar and colours work as without a supervisor.
 */
function runChild(args: readonly string[], exposeGc: boolean, scratch: string, statePath: string | undefined, lost: string | undefined): Promise<ChildEnd> {
  const env = {
    ...process.env,
    [SUPERVISED_ENV]: '1',
    ...(statePath === undefined ? {} : { [STATE_ENV]: statePath }),
    ...(lost === undefined ? {} : { [LOST_ENV]: lost }),
  };
  const reports = mkdtempSync(join(scratch, 'fatal-'));
  const flags = [...(exposeGc ? ['--expose-gc'] : []), ...process.execArgv, '--report-on-fatalerror', `--report-directory=${reports}`];
  const child = spawn(process.execPath, [...flags, cliPath, ...args], { env, stdio: ['inherit', 'inherit', 'inherit', 'ipc'] });
  let forwarded: keyof typeof SIGNAL_EXIT | undefined;
  const handlers = (Object.keys(SIGNAL_EXIT) as Array<keyof typeof SIGNAL_EXIT>).map((name) => {
    const handler = (): void => {
      forwarded = name;
      child.kill(name);
    };
    process.on(name, handler);
    return [name, handler] as const;
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      for (const [name, handler] of handlers) process.off(name, handler);
      resolve({ code, signal, outOfMemory: ranOutOfMemory(reports, child.pid), forwarded });
    });
  });
}

/** Whether Node's diagnostic report for process `pid` (its cluster children write theirs here too) says it ran out of heap. */
function ranOutOfMemory(reports: string, pid: number | undefined): boolean {
  for (const file of readdirSync(reports)) {
    try {
      const { header } = JSON.parse(readFileSync(join(reports, file), 'utf8')) as { header?: { event?: string; processId?: number } };
      if (header?.processId === pid && isOutOfMemory(header?.event ?? '')) return true;
    } catch {
      // a report cut short: not evidence either way
    }
  }
  return false;
}

/** The command line again, resuming from `statePath` (replacing a `--resume` it had). */
function withResume(argv: readonly string[], statePath: string): string[] {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--resume') i++;
    else if (!arg.startsWith('--resume=')) args.push(arg);
  }
  return [...args, '--resume', statePath];
}
