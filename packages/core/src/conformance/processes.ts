import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** Thread and process accounting reads /proc: on other systems the cases that need it are skipped. */
export const canCountThreads = existsSync('/proc/self/task');

/** Threads of this process (Node does not list live Workers anywhere else). */
export function threadCount(): number {
  return readdirSync('/proc/self/task').length;
}

/** Live child processes of `pid`. */
export function childPids(pid: number = process.pid): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat !== undefined && stat.ppid === pid && stat.state !== 'Z') children.push(Number(entry));
  }
  return children;
}

/** False once the process is gone or a zombie waiting to be reaped. */
export function isAlive(pid: number): boolean {
  const stat = readStat(pid);
  return stat !== undefined && stat.state !== 'Z';
}

function readStat(pid: number): { state: string; ppid: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: the fields we need follow its last ')'.
    const [state, ppid] = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return state === undefined || ppid === undefined ? undefined : { state, ppid: Number(ppid) };
  } catch {
    return undefined;
  }
}

/** Polls until `condition` holds or `timeoutMs` passes; resolves to whether it held. */
export async function eventually(condition: () => boolean, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}
