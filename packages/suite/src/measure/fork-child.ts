// A fork: a fresh measuring process that the suite starts for some rounds of one workload. It
// connects to its parent's socket, reads what to measure, measures it (see fork.ts), and writes
// what it does and what it measured back, one JSON line at a time. What it is doing now also goes
// to a file, written synchronously, so that the parent can tell what a fork that died was doing,
// even when the fork ended before its last line could leave.
import { writeFileSync } from 'node:fs';
import { createConnection, type Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { loadBackend, loadWorkload, messageOf } from '@parabench/core';
import { measureFork } from './fork.js';
import type { Activity, ActivityRecord, ForkMessage, ForkSpec } from './fork-protocol.js';
import { FORK_ACTIVITY_ENV, FORK_SOCKET_ENV, UNCAUGHT_EXIT_CODE } from './fork-env.js';
import { watchParent } from './parent-watch.js';

const socketPath = process.env[FORK_SOCKET_ENV];
const activityFile = process.env[FORK_ACTIVITY_ENV];

let current: Activity | undefined;

/** Records what the fork is doing, in the file first: the line to the parent may not leave if the process dies next. */
function record(activity: Activity, socket: Socket): void {
  current = activity;
  if (activityFile !== undefined) writeFileSync(activityFile, JSON.stringify({ activity } satisfies ActivityRecord));
  send(socket, { type: 'activity', activity });
}

/** Records an exception nobody caught, with what the fork was doing when it came. */
function recordUncaught(error: unknown): void {
  if (activityFile !== undefined) writeFileSync(activityFile, JSON.stringify({ activity: current, uncaught: messageOf(error) } satisfies ActivityRecord));
}

function send(socket: Socket, message: ForkMessage): void {
  socket.write(`${JSON.stringify(message)}\n`);
}

async function serve(socket: Socket): Promise<void> {
  const lines = createInterface({ input: socket });
  const [first] = await new Promise<string[]>((resolve) => lines.once('line', (line) => resolve([line])));
  const spec = JSON.parse(first ?? '{}') as ForkSpec;
  const backends = new Map(await Promise.all(spec.backends.map(async ({ name, url }) => [name, await loadBackend(url)] as const)));
  const workload = await loadWorkload(spec.workload.url);
  await measureFork(
    spec,
    { workload, backends },
    { activity: (activity) => record(activity, socket), snapshot: (snapshot) => send(socket, { type: 'snapshot', snapshot }) },
  );
  send(socket, { type: 'done' });
  await new Promise<void>((resolve) => socket.end(resolve));
}

if (socketPath !== undefined) {
  const socket = createConnection(socketPath);
  // Nothing in a fork may go unreported: an exception nobody catches (a library's listener, say)
  // is recorded with its message and ends the fork, which the parent then reports.
  process.on('uncaughtException', (error) => {
    try {
      recordUncaught(error);
    } finally {
      process.exit(UNCAUGHT_EXIT_CODE);
    }
  });
  // The parent gone or done with us: leave, whatever is running.
  socket.on('close', () => process.exit(0));
  socket.on('error', () => process.exit(0));
  watchParent();
  socket.once('connect', () => {
    serve(socket).then(
      () => process.exit(0),
      (error: unknown) => {
        recordUncaught(error);
        process.exit(UNCAUGHT_EXIT_CODE);
      },
    );
  });
}
