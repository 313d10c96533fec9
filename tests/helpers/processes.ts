import { readFileSync } from 'node:fs';
import { childPids } from '@parabench/core/conformance';

/** Children, grandchildren and so on: the CLI measures in a child process of its own. */
export const descendantPids = (pid: number): number[] => childPids(pid).flatMap((child) => [child, ...descendantPids(child)]);

/** SIGKILLs a process and everything under it: a test that fails half-way leaves nothing running. */
export function killTree(pid: number | undefined): void {
  if (pid === undefined) return;
  for (const target of [...descendantPids(pid).reverse(), pid]) {
    try {
      process.kill(target, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** CPU time a process has used, in clock ticks (user + system); 0 once it is gone. */
export function cpuTicks(pid: number): number {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** Polls until `condition` holds, for at most `ms`. */
export async function until(condition: () => boolean, ms: number): Promise<boolean> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await new Promise((r) => setTimeout(r, 25))) if (condition()) return true;
  return condition();
}
