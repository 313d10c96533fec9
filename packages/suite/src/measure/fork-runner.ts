import type { ErrorCode } from '@parabench/core';
import type { Activity, ForkSnapshot, ForkSpec } from './fork-protocol.js';

/** How a fork ended. */
export type ForkEnd =
  | { ok: true }
  | {
      ok: false;
      /** The code the rows it was measuring fail with: the fork exited, ran out of memory, or overran `--timeout`. */
      code: ErrorCode;
      /** How it ended, in words: "exited with code 7", "was killed by SIGKILL", "threw an exception nobody caught: …". */
      how: string;
      /** What it was doing then, as far as it said. */
      activity: Activity | undefined;
    };

/** What running one fork gave: its last snapshot (everything it had measured, if it said anything), and how it ended. */
export interface ForkRun {
  snapshot: ForkSnapshot | undefined;
  end: ForkEnd;
}

/** Runs one fork of a workload: in a fresh process (the CLI), or in this one (tests, scripts). */
export interface ForkRunner {
  run(spec: ForkSpec, onActivity: (activity: Activity) => void): Promise<ForkRun>;
  /** Ends the fork running now, if any, and everything it started: for Ctrl-C. */
  stop(): void;
}
