import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ErrorCode, isOutOfMemory } from '@parabench/core';
import { FORK_ACTIVITY_ENV, FORK_SOCKET_ENV, UNCAUGHT_EXIT_CODE } from './fork-env.js';
import { isMapping, type Activity, type ActivityRecord, type ForkMessage, type ForkSnapshot, type ForkSpec } from './fork-protocol.js';
import type { ForkEnd, ForkRun, ForkRunner } from './fork-runner.js';
import { descendants } from './resources.js';

const childScript = fileURLToPath(new URL('./fork-child.js', import.meta.url));

/** How forks are started. */
export interface ProcessForkOptions {
  /** Run every fork with `--expose-gc` (the CLI's `--gc`). */
  exposeGc: boolean;
  /** Per map, in ms: a fork whose main thread runs one map longer than this (and the slot around it) is stopped. */
  timeout: number | undefined;
  /** Slack on top of `timeout`, in ms, for the slot around a map and the fork's own abort. @default 5000 */
  slackMs?: number;
}

/**
 * Runs each fork in a fresh Node process of its own process group: a socket carries what to
 * measure and what was measured; a file, what the fork was doing when it died. A fork stuck in a
 * map on its main thread (the reference's loop, say) is stopped once it overruns `--timeout`, and
 * `stop()` ends a fork and all it started at once, so that Ctrl-C always works.
 */
export function processForkRunner(options: ProcessForkOptions): ForkRunner {
  let current: { kill(): void } | undefined;
  return {
    async run(spec, onActivity) {
      const scratch = mkdtempSync(join(tmpdir(), 'pb-fork-'));
      try {
        return await runFork(spec, onActivity, scratch, options, (kill) => {
          current = kill === undefined ? undefined : { kill };
        });
      } finally {
        current = undefined;
        rmSync(scratch, { recursive: true, force: true });
      }
    },
    stop: () => current?.kill(),
  };
}

async function runFork(
  spec: ForkSpec,
  onActivity: (activity: Activity) => void,
  scratch: string,
  options: ProcessForkOptions,
  register: (kill: (() => void) | undefined) => void,
): Promise<ForkRun> {
  const socketPath = join(scratch, 'fork.sock');
  const activityFile = join(scratch, 'activity.json');
  const reports = join(scratch, 'reports');
  mkdirSync(reports);
  let snapshot: ForkSnapshot | undefined;
  let done = false;
  let activity: { what: Activity; since: number } | undefined;
  let overran: Activity | undefined;
  const server = createServer((socket: Socket) => {
    socket.write(`${JSON.stringify(spec)}\n`);
    createInterface({ input: socket }).on('line', (line) => {
      const message = JSON.parse(line) as ForkMessage;
      if (message.type === 'snapshot') snapshot = message.snapshot;
      else if (message.type === 'done') done = true;
      else {
        activity = { what: message.activity, since: Date.now() };
        onActivity(message.activity);
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  const flags = [...(options.exposeGc ? ['--expose-gc'] : []), ...process.execArgv, '--report-on-fatalerror', `--report-directory=${reports}`];
  const child = spawn(process.execPath, [...flags, childScript], {
    env: { ...process.env, [FORK_SOCKET_ENV]: socketPath, [FORK_ACTIVITY_ENV]: activityFile },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const stderr = tail(child.stderr);
  child.stdout.resume();
  const kill = (): void => killTree(child.pid);
  register(kill);
  const limit = options.timeout === undefined ? undefined : options.timeout + Math.max(spec.settings.slot, spec.settings.warmup) + (options.slackMs ?? 5000);
  const watchdog = setInterval(() => {
    if (limit === undefined || activity === undefined || !isMapping(activity.what) || Date.now() - activity.since <= limit) return;
    overran = activity.what;
    kill();
  }, 200);
  try {
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (exitCode, exitSignal) => resolve([exitCode, exitSignal]));
    });
    register(undefined);
    killTree(child.pid); // whatever it started and left behind
    if (done) return { snapshot, end: { ok: true } };
    return { snapshot, end: deathOf({ code, signal, overran, activityFile, reports, pid: child.pid, stderr: stderr(), timeout: options.timeout }) };
  } finally {
    clearInterval(watchdog);
    server.close();
  }
}

interface Death {
  code: number | null;
  signal: NodeJS.Signals | null;
  overran: Activity | undefined;
  activityFile: string;
  reports: string;
  pid: number | undefined;
  stderr: { all: string; last: string };
  timeout: number | undefined;
}

/** How a fork that never said it was done ended, and what it was doing then. */
function deathOf({ code, signal, overran, activityFile, reports, pid, stderr, timeout }: Death): ForkEnd {
  if (overran !== undefined) {
    return { ok: false, code: ErrorCode.Aborted, how: `was stopped: --timeout: no result after ${timeout} ms`, activity: overran };
  }
  const { activity, uncaught } = readActivity(activityFile);
  if (ranOutOfMemory(reports, pid) || isOutOfMemory(stderr.all))
    return { ok: false, code: ErrorCode.OutOfMemory, how: 'ran out of memory on its main thread', activity };
  if (uncaught !== undefined) return { ok: false, code: ErrorCode.ForkExited, how: `threw an exception nobody caught: ${uncaught}`, activity };
  const ended = signal !== null ? `was killed by ${signal}` : code === UNCAUGHT_EXIT_CODE ? 'threw an exception nobody caught' : `exited with code ${code}`;
  // An exit's last words are often its reason; a signal's are a native stack.
  const words = signal === null && stderr.last !== '' ? ` (${stderr.last})` : '';
  return { ok: false, code: ErrorCode.ForkExited, how: `${ended}${words}`, activity };
}

function readActivity(file: string): ActivityRecord {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ActivityRecord;
  } catch {
    return {};
  }
}

/** Whether Node's diagnostic report for process `pid` (its cluster children write theirs here too) says it ran out of heap. */
function ranOutOfMemory(reports: string, pid: number | undefined): boolean {
  let files: string[];
  try {
    files = readdirSync(reports);
  } catch {
    return false;
  }
  for (const file of files) {
    try {
      const { header } = JSON.parse(readFileSync(join(reports, file), 'utf8')) as { header?: { event?: string; processId?: number } };
      if (header?.processId === pid && isOutOfMemory(header?.event ?? '')) return true;
    } catch {
      // a report cut short: not evidence either way
    }
  }
  return false;
}

/** Kills a fork and everything below it: its process group, and any descendant that left the group. */
function killTree(pid: number | undefined): void {
  if (pid === undefined) return;
  for (const child of descendants(pid)) {
    try {
      process.kill(child, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // the group is gone
  }
}

/** What a stream wrote last: its last 4,000 characters, and its last line (up to 300), for the message of a fork that died. */
function tail(stream: NodeJS.ReadableStream): () => { all: string; last: string } {
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text = (text + chunk.toString('utf8')).slice(-4000);
  });
  return () => {
    const lines = text
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    return { all: text, last: (lines.at(-1) ?? '').slice(0, 300) };
  };
}
