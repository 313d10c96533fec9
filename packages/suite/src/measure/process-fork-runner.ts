import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { deathOf, tail } from './fork-death.js';
import { FORK_ACTIVITY_ENV, FORK_SOCKET_ENV } from './fork-env.js';
import { isMapping, type Activity, type ForkMessage, type ForkSnapshot, type ForkSpec } from './fork-protocol.js';
import type { ForkRun, ForkRunner } from './fork-runner.js';
import type { RuntimeInfo } from '../model/index.js';
import { descendants } from './resources.js';

const childScript = fileURLToPath(new URL('./fork-child.js', import.meta.url));

/** How forks are started. */
export interface ProcessForkOptions {
  /** The runtime forks run in. @default the Node that runs this process */
  runtime?: RuntimeInfo | undefined;
  /** Run every fork with `--expose-gc` (the CLI's `--gc`). */
  exposeGc: boolean;
  /** Per map, in ms: a fork whose main thread runs one map longer than this (and the slot around it) is stopped. */
  timeout: number | undefined;
  /** Slack on top of `timeout`, in ms, for the slot around a map and the fork's own abort. @default 5000 */
  slackMs?: number;
  /** A fork that spends longer than this starting one executor is stopped, and that executor's row fails. @default no limit */
  startLimitMs?: number | undefined;
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
  const { binary, args } = commandFor(options, reports);
  const child = spawn(binary, args, {
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
    if (activity === undefined) return;
    const bound = isMapping(activity.what) ? limit : activity.what.phase === 'start' ? options.startLimitMs : undefined;
    if (bound === undefined || Date.now() - activity.since <= bound) return;
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
    return {
      snapshot,
      end: deathOf({
        code,
        signal,
        overran,
        activityFile,
        reports,
        pid: child.pid,
        stderr: stderr(),
        timeout: overran?.phase === 'start' ? options.startLimitMs : options.timeout,
      }),
    };
  } finally {
    clearInterval(watchdog);
    server.close();
  }
}

/**
 * V8's flags in every fork. A user's program runs its map over and over, so V8 keeps its code; in
 * a fork, each row's code lies idle while the other rows run, and V8 drops the bytecode of
 * functions idle over a few collections. The first round after the cold maps then recompiled
 * everything: with 19 rows, every row's first round in the first fork came out up to 30% off
 * (json-tasks: the loop 1.12–1.32× slower in round 1 of fork 1 than in any other round; 0.95–1.01×
 * with this flag). Keeping the bytecode measures the steady state a user's program runs in.
 */
const V8_FLAGS = ['--no-flush-bytecode'];

/**
 * How a fork is started in its runtime. Node runs with this process's own flags and V8's above,
 * and writes a diagnostic report when V8 gives up, which says whether it ran out of heap; Deno
 * runs with V8's flags and every permission (a fork reads the workload's files, starts workers and
 * processes, and talks over a socket); Bun, which is not V8, takes the script as it is.
 */
function commandFor(options: ProcessForkOptions, reports: string): { binary: string; args: string[] } {
  const runtime = options.runtime;
  const v8 = [...V8_FLAGS, ...(options.exposeGc ? ['--expose-gc'] : [])];
  if (runtime === undefined || runtime.kind === 'node') {
    const own = runtime === undefined || runtime.binary === process.execPath ? process.execArgv : [];
    const flags = [...v8, ...own, '--report-on-fatalerror', `--report-directory=${reports}`];
    return { binary: runtime?.binary ?? process.execPath, args: [...flags, childScript] };
  }
  if (runtime.kind === 'deno') return { binary: runtime.binary, args: ['run', '--allow-all', `--v8-flags=${v8.join(',')}`, childScript] };
  return { binary: runtime.binary, args: [childScript] };
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
