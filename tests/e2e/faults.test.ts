import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAlive } from '@parabench/core/conformance';
import { cliPath, repoRoot, runCli } from '../helpers/cli.js';
import { cpuTicks, descendantPids, killTree, until } from '../helpers/processes.js';

interface Report {
  complete: boolean;
  remaining: string[];
  workloads: Array<{ workload: string }>;
  results: Array<{ workload: string; backend: string; status: string; error?: { code: string; message: string } }>;
}

const RUN = ['--quick', '--workloads', './tests/fixtures/misbehaves.js,sum-range', '--backends', 'worker-threads', '--workers', '1'];
const jsonPath = (): string => join(mkdtempSync(join(tmpdir(), 'parabench-faults-')), 'run.json');
const read = (file: string): Report => JSON.parse(readFileSync(file, 'utf8')) as Report;
const errors = (report: Report, workload: string) => report.results.filter((row) => row.workload === workload).map((row) => row.error);

/**
 * Whatever ends a measuring process (any exit status, 0 included, a signal, an exception nobody
 * catches, a map that never returns), what it was measuring fails with a code that names the
 * workload, the fork and how it ended; the run goes on and never exits 0.
 */
describe('a measuring process that ends unexpectedly', () => {
  it.each([
    ['exit-0', 'PARABENCH_FORK_EXITED', 'exited with code 0'],
    ['exit-7', 'PARABENCH_FORK_EXITED', 'exited with code 7'],
    ['sigkill', 'PARABENCH_FORK_EXITED', 'was killed by SIGKILL'],
    ['uncaught', 'PARABENCH_FORK_EXITED', 'threw an exception nobody caught: nobody catches this'],
  ])('%s in the reference fails its workload with %s, and the run goes on', async (fault, code, how) => {
    const json = jsonPath();
    const result = await runCli([...RUN, '--json', json], { env: { PARABENCH_FIXTURE_FAULT: fault } });
    expect(result.code, result.output).toBe(1);
    const report = read(json);
    expect(report).toMatchObject({ complete: true, remaining: [] });
    for (const error of errors(report, 'misbehaves')) {
      expect(error?.code).toBe(code);
      expect(error?.message).toMatch(new RegExp(`^the measuring process \\(fork 1 of misbehaves\\) ${how.replace(/[()]/g, '\\$&')}`));
    }
    expect(errors(report, 'sum-range')).toEqual([undefined, undefined]);
    expect(result.stdout).toMatch(/misbehaves · sequential × 1: \[PARABENCH_FORK_EXITED\] the measuring process \(fork 1 of misbehaves\)/);
    expect(result.stdout).toMatch(/^sum-range: /m);
  });

  it('with --timeout, a reference that never returns is stopped, its workload fails with PARABENCH_ABORTED, and the run goes on', async () => {
    const json = jsonPath();
    const result = await runCli([...RUN, '--timeout', '1000', '--json', json], { env: { PARABENCH_FIXTURE_FAULT: 'spin' } });
    expect(result.code, result.output).toBe(1);
    const report = read(json);
    expect(report.complete).toBe(true);
    const [reference] = errors(report, 'misbehaves');
    expect(reference).toMatchObject({
      code: 'PARABENCH_ABORTED',
      message: expect.stringContaining('was stopped: --timeout: no result after 1000 ms while mapping once, cold, the sequential reference'),
    });
    expect(errors(report, 'sum-range')).toEqual([undefined, undefined]);
  });

  describe('without --timeout, a reference that never returns', () => {
    let cliPid: number | undefined;
    afterEach(() => killTree(cliPid));

    it.each([
      ['SIGINT', 130],
      ['SIGTERM', 143],
    ] as const)('is ended with the run by %s, exit %i, the report saved and nothing left running', async (signal, status) => {
      const json = jsonPath();
      const cli = spawn(process.execPath, [cliPath, ...RUN, '--json', json], {
        cwd: repoRoot,
        env: { ...process.env, PARABENCH_FIXTURE_FAULT: 'spin' },
        stdio: 'ignore',
      });
      cliPid = cli.pid;
      let forks: number[] = [];
      const spinning = (): boolean => {
        forks = descendantPids(cli.pid ?? 0);
        return forks.some((pid) => cpuTicks(pid) >= 50);
      };
      expect(await until(spinning, 30_000)).toBe(true);
      cli.kill(signal);
      const [code] = (await once(cli, 'exit')) as [number | null];
      expect(code).toBe(status);
      expect(await until(() => forks.every((pid) => !isAlive(pid)), 5_000)).toBe(true);
      expect(read(json)).toMatchObject({ complete: false, remaining: ['misbehaves', 'sum-range'] });
    });
  });
});
