import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { isAlive } from '@parabench/core/conformance';
import { cliPath, repoRoot } from '../helpers/cli.js';
import { cpuTicks, descendantPids, killTree, until } from '../helpers/processes.js';

const commandLine = (pid: number): string => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
};

describe('interrupting a run', () => {
  let cliPid: number | undefined;
  afterEach(() => killTree(cliPid));

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s ends the run with %i and leaves no worker process behind, stuck ones included', async (signal, status) => {
    // Every worker spins forever on item 3 of this workload: the children cannot leave by themselves.
    const args = ['--quick', '--workloads', './tests/fixtures/hangs-in-workers.js', '--backends', 'cluster', '--workers', '2'];
    const cli = spawn(process.execPath, [cliPath, ...args], { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    cliPid = cli.pid;
    let stderr = '';
    cli.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    let workers: number[] = [];
    // Wait until a cluster child is spinning (has burnt half a second of CPU): stuck, not starting.
    const stuck = (): boolean => {
      workers = descendantPids(cli.pid as number).filter((pid) => commandLine(pid).includes('child.js'));
      return workers.some((pid) => cpuTicks(pid) >= 50);
    };
    expect(await until(stuck, 60_000)).toBe(true);
    cli.kill(signal);
    const [code] = (await once(cli, 'exit')) as [number | null];
    expect(code).toBe(status);
    expect(stderr).toContain(`parabench: interrupted by ${signal}`);
    expect(await until(() => workers.every((pid) => !isAlive(pid)), 5_000)).toBe(true);
  });
});
