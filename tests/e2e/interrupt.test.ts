import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { childPids, isAlive } from '@parabench/core/conformance';
import { cliPath, repoRoot } from '../helpers/cli.js';

/** Polls until `condition` holds, for at most `ms`. */
async function until(condition: () => boolean, ms: number): Promise<boolean> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await new Promise((r) => setTimeout(r, 25))) if (condition()) return true;
  return condition();
}

/** CPU time a process has used, in clock ticks (user + system). */
const cpuTicks = (pid: number): number => {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
};

/** Children, grandchildren and so on: the CLI measures in a child process of its own. */
const descendantPids = (pid: number): number[] => childPids(pid).flatMap((child) => [child, ...descendantPids(child)]);

const commandLine = (pid: number): string => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
};

describe('interrupting a run', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s ends the run with %i and leaves no worker process behind, stuck ones included', async (signal, status) => {
    // Every worker spins forever on item 3 of this workload: the children cannot leave by themselves.
    const args = ['--quick', '--workloads', './tests/fixtures/hangs-in-workers.js', '--backends', 'cluster', '--workers', '2'];
    const cli = spawn(process.execPath, [cliPath, ...args], { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    cli.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    let workers: number[] = [];
    // Wait until a cluster child is spinning (has burnt half a second of CPU): stuck, not starting.
    const stuck = (): boolean =>
      (workers = descendantPids(cli.pid).filter((pid) => commandLine(pid).includes('child.js'))).some((pid) => cpuTicks(pid) >= 50);
    expect(await until(stuck, 60_000)).toBe(true);
    cli.kill(signal);
    const [code] = (await once(cli, 'exit')) as [number | null];
    expect(code).toBe(status);
    expect(stderr).toContain(`parabench: interrupted by ${signal}`);
    expect(await until(() => workers.every((pid) => !isAlive(pid)), 5_000)).toBe(true);
  });
});
