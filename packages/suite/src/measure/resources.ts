import { readdirSync, readFileSync } from 'node:fs';

/** Linux reports a process's CPU time in clock ticks of 1/100 s (USER_HZ), whatever the kernel's own rate. */
const TICKS_PER_MS = 100 / 1000;

/** CPU and memory of the main process together with some of its child processes. */
export interface ResourceMeter {
  /** User + system CPU so far, in ms: every thread of this process, and the given children. Null where a child cannot be read. */
  cpuMs(): number | null;
  /** Resident memory now, in MiB: this process and the given children. Null where a child cannot be read. */
  rssMb(): number | null;
}

/**
 * A meter over this process and `children`. Worker threads are counted through the process
 * (`process.cpuUsage()` covers every thread); child processes through /proc, so on systems
 * without /proc a row with children reports null rather than a figure that leaves them out.
 */
export function createMeter(children: readonly number[]): ResourceMeter {
  return {
    cpuMs() {
      const own = process.cpuUsage();
      let total = (own.user + own.system) / 1000;
      for (const pid of children) {
        const stat = readStat(pid);
        if (stat === undefined) return null;
        total += (stat.utime + stat.stime) / TICKS_PER_MS;
      }
      return total;
    },
    rssMb() {
      let total = process.memoryUsage.rss();
      for (const pid of children) {
        const rss = readRssBytes(pid);
        if (rss === undefined) return null;
        total += rss;
      }
      return total / 2 ** 20;
    },
  };
}

interface Stat {
  ppid: number;
  utime: number;
  stime: number;
}

/** Fields of /proc/PID/stat after the command name, which may itself hold spaces and parentheses. */
function readStat(pid: number): Stat | undefined {
  const text = read(`/proc/${pid}/stat`);
  if (text === undefined) return undefined;
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // After "(comm) ": state is field 3 of the man page, so field n sits at index n − 3.
  return { ppid: Number(fields[1]), utime: Number(fields[11]), stime: Number(fields[12]) };
}

function readRssBytes(pid: number): number | undefined {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(read(`/proc/${pid}/status`) ?? '');
  return match === null ? undefined : Number(match[1]) * 1024;
}

/** Every process below this one (children, their children…), by /proc; empty where there is no /proc. */
export function descendants(root = process.pid): Set<number> {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return new Set();
  }
  const parentOf = new Map<number, number>();
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat !== undefined) parentOf.set(Number(entry), stat.ppid);
  }
  const found = new Set<number>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parentOf) {
      if (!found.has(pid) && (ppid === root || found.has(ppid))) {
        found.add(pid);
        grew = true;
      }
    }
  }
  return found;
}

function read(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
