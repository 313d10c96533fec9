import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ErrorCode } from '@parabench/core';
import type { JsonReport } from './json-report.js';
import type { SuiteOptions } from './options.js';

/** Set in the measuring process, so that it knows it is supervised. */
export const SUPERVISED_ENV = 'PARABENCH_SUPERVISED';
/** Where the measuring process keeps its JSON report when the command line asked for none. */
export const STATE_ENV = 'PARABENCH_STATE';
/** The workload a measuring process died on, for the next one to report: `{ workload, code, message }`. */
export const LOST_ENV = 'PARABENCH_LOST_WORKLOAD';

/** What the measuring process says when V8 ends it for reaching its heap limit. */
const HEAP_LIMIT_MESSAGE = /JavaScript heap out of memory|Reached heap limit/;
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;
const cliPath = fileURLToPath(new URL('./cli.js', import.meta.url));

/**
 * Runs the measurements in a child process and watches it. The main thread runs the sequential
 * reference and the backends that share it, and nothing survives running out of memory there:
 * when the child dies that way (or is killed by anything but us), the workload it was measuring
 * is reported as failed, and a new child resumes the run from its JSON report. Ctrl-C and
 * SIGTERM are passed on; if this process is killed, the child leaves with it (its IPC channel).
 */
export async function superviseRun(argv: readonly string[], options: SuiteOptions): Promise<number> {
  const scratch = options.json === undefined ? mkdtempSync(join(tmpdir(), 'parabench-run-')) : undefined;
  const statePath = scratch === undefined ? resolve(options.json as string) : join(scratch, 'run.json');
  let args = [...argv];
  let lost: string | undefined;
  try {
    for (;;) {
      const { code, signal, outOfMemory, forwarded } = await runChild(args, options.gc, scratch === undefined ? undefined : statePath, lost);
      if (forwarded !== undefined) return code ?? SIGNAL_EXIT[forwarded];
      const crashed = signal !== null || code === 134;
      if (!crashed) return code ?? 1;
      const state = readState(statePath);
      const workload = state?.remaining[0];
      if (workload === undefined) {
        process.stderr.write(`parabench: the measuring process died (${signal ?? `exit code ${code}`}) before it saved anything to resume from\n`);
        return 1;
      }
      const how = outOfMemory ? 'ran out of memory on the main thread' : `died (${signal ?? `exit code ${code}`})`;
      process.stderr.write(`parabench: the measuring process ${how} while measuring ${workload}; reporting ${workload} as failed and resuming the rest\n`);
      lost = JSON.stringify({
        workload,
        code: outOfMemory ? ErrorCode.OutOfMemory : ErrorCode.WorkerExited,
        message: `the measuring process ${how} while measuring this workload (the reference and the main-thread backends run there)`,
      });
      args = withResume(argv, statePath);
    }
  } finally {
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  }
}

interface ChildEnd {
  code: number | null;
  signal: NodeJS.Signals | null;
  outOfMemory: boolean;
  /** The signal this process passed on, if that is how the child ended. */
  forwarded: keyof typeof SIGNAL_EXIT | undefined;
}

function runChild(args: readonly string[], exposeGc: boolean, statePath: string | undefined, lost: string | undefined): Promise<ChildEnd> {
  const env = { ...process.env, [SUPERVISED_ENV]: '1', ...(statePath === undefined ? {} : { [STATE_ENV]: statePath }), ...(lost === undefined ? {} : { [LOST_ENV]: lost }) };
  const flags = exposeGc ? ['--expose-gc', ...process.execArgv] : process.execArgv;
  const child = spawn(process.execPath, [...flags, cliPath, ...args], { env, stdio: ['inherit', 'inherit', 'pipe', 'ipc'] });
  let outOfMemory = false;
  let forwarded: keyof typeof SIGNAL_EXIT | undefined;
  child.stderr?.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk);
    outOfMemory ||= HEAP_LIMIT_MESSAGE.test(chunk.toString('utf8'));
  });
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
      resolve({ code, signal, outOfMemory, forwarded });
    });
  });
}

function readState(path: string): JsonReport | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as JsonReport;
  } catch {
    return undefined;
  }
}

/** The command line again, resuming from `statePath` (replacing a `--resume` it had). */
function withResume(argv: readonly string[], statePath: string): string[] {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--resume') i++;
    else if (!arg.startsWith('--resume=')) args.push(arg);
  }
  return [...args, '--resume', statePath];
}
