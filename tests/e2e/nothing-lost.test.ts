import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { childPids, isAlive } from '@parabench/core/conformance';
import { cliPath, repoRoot, runCli } from '../helpers/cli.js';
import { cpuTicks, killTree, until } from '../helpers/processes.js';
import { run } from '../helpers/run.js';

interface Report {
  complete: boolean;
  remaining: string[];
  workloads: Array<{ workload: string }>;
  results: Array<{ workload: string; backend: string; workers: number; status: string; error?: { code: string; message: string } }>;
}

const readReport = (file: string): Report => JSON.parse(readFileSync(file, 'utf8')) as Report;

/** The report once it holds at least one finished workload (every read must parse: writes are atomic). */
const finishedWorkloads = (file: string): number => (existsSync(file) ? readReport(file).workloads.length : 0);

const RUN = ['--quick', '--workloads', 'io-wait,sum-range,tiny-tasks', '--backends', 'worker-threads', '--workers', '1'];

describe('nothing lost', () => {
  let cliPid: number | undefined;
  afterEach(() => killTree(cliPid));

  it.each(['SIGINT', 'SIGKILL'] as const)('%s mid-run leaves a valid report of the finished workloads, and --resume completes it', async (signal) => {
    const json = join(mkdtempSync(join(tmpdir(), 'parabench-lost-')), 'run.json');
    const cli = spawn(process.execPath, [cliPath, ...RUN, '--json', json], { cwd: repoRoot, stdio: 'ignore' });
    cliPid = cli.pid;
    expect(await until(() => finishedWorkloads(json) >= 1, 60_000)).toBe(true);
    const measuring = childPids(cli.pid);
    cli.kill(signal);
    await once(cli, 'exit');
    // The measuring processes (forks) leave with the CLI, even one killed without warning.
    expect(await until(() => measuring.every((pid) => !isAlive(pid)), 10_000)).toBe(true);

    const interrupted = readReport(json);
    expect(interrupted.complete).toBe(false);
    const done = interrupted.workloads.map((w) => w.workload);
    expect(done.length).toBeGreaterThanOrEqual(1);
    expect(done.concat(interrupted.remaining)).toEqual(['io-wait', 'sum-range', 'tiny-tasks']);
    expect(new Set(interrupted.results.map((row) => row.workload))).toEqual(new Set(done));

    const resumed = await runCli(['--resume', json]);
    expect(resumed.code, resumed.output).toBe(0);
    expect(resumed.stdout).toContain(`Resuming ${json}: ${done.join(', ')} done`);
    const complete = readReport(json);
    expect(complete).toMatchObject({ complete: true, remaining: [] });
    expect(complete.workloads.map((w) => w.workload)).toEqual(['io-wait', 'sum-range', 'tiny-tasks']);
    expect(complete.results.filter((row) => row.status === 'ok')).toHaveLength(6);
    // The finished part is kept as it was, not measured again.
    expect(complete.results.filter((row) => done.includes(row.workload))).toEqual(interrupted.results);
  });

  it("ends the measuring process when the CLI is SIGKILLed while a workload spins on the fork's main thread", async () => {
    const cli = spawn(process.execPath, [cliPath, '--quick', '--workloads', './tests/fixtures/spins.js', '--backends', 'async'], {
      cwd: repoRoot,
      stdio: 'ignore',
    });
    cliPid = cli.pid;
    let measuring: number[] = [];
    const busy = (): boolean => {
      measuring = childPids(cli.pid);
      return measuring.some((pid) => cpuTicks(pid) >= 50);
    };
    expect(await until(busy, 30_000)).toBe(true);
    cli.kill('SIGKILL');
    expect(await until(() => measuring.every((pid) => !isAlive(pid)), 10_000)).toBe(true);
  });

  it('refuses to resume with other options, naming them', async () => {
    const json = join(mkdtempSync(join(tmpdir(), 'parabench-lost-')), 'run.json');
    expect((await runCli(['--quick', '--workloads', 'io-wait', '--backends', 'async', '--json', json])).code).toBe(0);
    const report = JSON.parse(readFileSync(json, 'utf8')) as Record<string, unknown>;
    const partial = join(json, '..', 'partial.json');
    await import('node:fs').then(({ writeFileSync }) =>
      writeFileSync(partial, JSON.stringify({ ...report, complete: false, remaining: ['io-wait'], workloads: [], results: [], verdicts: [] })),
    );
    const result = await runCli(['--resume', partial, '--seed', '7', '--workers', '3']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('was run with --seed 1, --workers 1,2, but this command gives --seed 7, --workers 3');
  });

  it('exits 2 at once, measuring nothing, when a report cannot be written', async () => {
    const result = await runCli(['--quick', '--json', '/proc/parabench/run.json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot write the JSON report to \/proc\/parabench\/run\.json: E[A-Z]+/);
    expect(result.stdout).toBe('');
  });

  const codes = (report: Report, workload: string): Record<string, string> =>
    Object.fromEntries(report.results.filter((row) => row.workload === workload).map((row) => [row.backend, row.error?.code ?? row.status]));

  it('fails the rows whose workers run out of memory, and workloads whose generate() or reference throws, and goes on', async () => {
    const json = join(mkdtempSync(join(tmpdir(), 'parabench-memory-')), 'run.json');
    const workloads = './tests/fixtures/needs-memory.js,./tests/fixtures/generate-throws.js,./tests/fixtures/map-throws.js,sum-range';
    const result = await runCli([
      '--quick',
      '--workloads',
      workloads,
      '--backends',
      'worker-threads,cluster',
      '--workers',
      '1',
      '--max-memory',
      '64',
      '--json',
      json,
    ]);
    expect(result.code, result.output).toBe(1);
    const report = readReport(json);
    expect(report).toMatchObject({ complete: true, remaining: [] });
    expect(codes(report, 'needs-memory')).toEqual({ sequential: 'ok', 'worker-threads': 'PARABENCH_OUT_OF_MEMORY', cluster: 'PARABENCH_OUT_OF_MEMORY' });
    expect(codes(report, 'generate-throws')).toEqual({
      sequential: 'PARABENCH_REFERENCE_FAILED',
      'worker-threads': 'PARABENCH_REFERENCE_FAILED',
      cluster: 'PARABENCH_REFERENCE_FAILED',
    });
    expect(codes(report, 'map-throws')).toEqual({
      sequential: 'PARABENCH_ITEM_FAILED',
      'worker-threads': 'PARABENCH_REFERENCE_FAILED',
      cluster: 'PARABENCH_REFERENCE_FAILED',
    });
    expect(codes(report, 'sum-range')).toEqual({ sequential: 'ok', 'worker-threads': 'ok', cluster: 'ok' });
    const row = (workload: string, backend: string) => report.results.find((r) => r.workload === workload && r.backend === backend);
    expect(row('needs-memory', 'worker-threads')?.error?.message).toContain('each worker may use 64 MiB of heap (raise it with --max-memory)');
    expect(row('generate-throws', 'cluster')?.error?.message).toContain('generate() threw: no input today');
    expect(row('map-throws', 'cluster')?.error?.message).toContain('the sequential reference failed: [PARABENCH_ITEM_FAILED]');
  });

  it("reports a workload that exhausts its measuring process's heap as failed, and goes on with the rest", async () => {
    const json = join(mkdtempSync(join(tmpdir(), 'parabench-memory-')), 'run.json');
    const args = ['--quick', '--workloads', './tests/fixtures/eats-memory.js,sum-range', '--backends', 'worker-threads', '--workers', '1', '--json', json];
    // A small heap (the forks inherit it), so that eats-memory reaches its end quickly.
    const result = await run(process.execPath, ['--max-old-space-size=128', cliPath, ...args], { cwd: repoRoot });
    expect(result.code, result.output).toBe(1);
    const report = readReport(json);
    expect(report).toMatchObject({ complete: true, remaining: [] });
    expect(report.workloads.map((w) => w.workload)).toEqual(['eats-memory', 'sum-range']);
    expect(codes(report, 'eats-memory')).toEqual({ sequential: 'PARABENCH_OUT_OF_MEMORY', 'worker-threads': 'PARABENCH_OUT_OF_MEMORY' });
    expect(report.results.find((row) => row.workload === 'eats-memory')?.error?.message).toMatch(
      /^the measuring process \(fork 1 of eats-memory\) ran out of memory on its main thread while mapping once, cold, the sequential reference/,
    );
    expect(codes(report, 'sum-range')).toEqual({ sequential: 'ok', 'worker-threads': 'ok' });
  });
});
