import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCode, isOutOfMemory } from '@parabench/core';
import { UNCAUGHT_EXIT_CODE } from './fork-env.js';
import type { Activity, ActivityRecord } from './fork-protocol.js';
import type { ForkEnd } from './fork-runner.js';

export interface Death {
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
export function deathOf({ code, signal, overran, activityFile, reports, pid, stderr, timeout }: Death): ForkEnd {
  if (overran !== undefined) {
    const what = overran.phase === 'start' ? 'no executor started after' : '--timeout: no result after';
    return {
      ok: false,
      code: overran.phase === 'start' ? ErrorCode.StartTimeout : ErrorCode.Aborted,
      how: `was stopped: ${what} ${timeout} ms`,
      activity: overran,
    };
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

/** What a stream wrote last: its last 4,000 characters, and its last line (up to 300), for the message of a fork that died. */
export function tail(stream: NodeJS.ReadableStream): () => { all: string; last: string } {
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
