import { ErrorCode, messageOf, type Backend, type Workload } from '@parabench/core';
import { measureFork } from './fork.js';
import type { Activity, ForkSnapshot } from './fork-protocol.js';
import type { ForkRunner } from './fork-runner.js';

/**
 * Runs each fork in this process, with the modules given: for tests and scripts that define
 * backends in place. The forks are not fresh processes, so the spread between processes is not
 * in the intervals, and nothing protects this process from a map that never returns.
 */
export function inProcessForkRunner(workloads: ReadonlyMap<string, Workload>, backends: ReadonlyMap<string, Backend>): ForkRunner {
  return {
    async run(spec, onActivity) {
      let snapshot: ForkSnapshot | undefined;
      let activity: Activity | undefined;
      const workload = workloads.get(spec.workload.name);
      try {
        if (workload === undefined) throw new Error(`no workload "${spec.workload.name}" was given to run in process`);
        const listener = {
          activity(now: Activity) {
            activity = now;
            onActivity(now);
          },
          snapshot(now: ForkSnapshot) {
            snapshot = now;
          },
        };
        snapshot = await measureFork(spec, { workload, backends }, listener);
        return { snapshot, end: { ok: true } };
      } catch (error) {
        return { snapshot, end: { ok: false, code: ErrorCode.ForkExited, how: `threw: ${messageOf(error)}`, activity } };
      }
    },
    stop() {},
  };
}
