import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliPath, repoRoot, runCli } from '../helpers/cli.js';
import { run } from '../helpers/run.js';

const tmp = mkdtempSync(join(tmpdir(), 'parabench-e2e-'));
/** The built-in workloads, as the workloads package holds them: one module each, named after the workload. */
const builtInWorkloads = readdirSync(join(repoRoot, 'packages/workloads/dist/workloads'))
  .filter((file) => file.endsWith('.js'))
  .map((file) => file.replace(/\.js$/, ''));

describe('parabench CLI', () => {
  it('runs the whole quick matrix, every row agreeing, answers per workload, and writes the JSON report', async () => {
    const file = join(tmp, 'quick.json');
    // As on a fresh machine: no Redis, so the bullmq backend is left out, with a note.
    const { code, stdout, stderr } = await runCli(['--quick', '--json', file], { env: { PARABENCH_REDIS_URL: undefined } });
    expect(stderr).not.toMatch(/unexpected failure/);
    expect(code).toBe(0);
    expect(stderr).toContain('parabench: skipping backend bullmq: it needs Redis: set PARABENCH_REDIS_URL=');
    expect(stdout).not.toMatch(/bullmq ×/);
    expect(stdout).toMatch(/CPU\s+\S/);
    expect(stdout).toMatch(/All \d+ combinations agree with the sequential reference/);
    // A verdict before each table, and all of them together at the end.
    for (const workload of builtInWorkloads)
      expect(stdout).toMatch(
        new RegExp(
          `^${workload}: .*\\n^Verdict: (.+ is fastest( so far)?: .+ the plain loop \\[|Parallelising ${workload} does not pay|Undecided whether parallelising ${workload} pays)`,
          'm',
        ),
      );
    expect(stdout.slice(stdout.lastIndexOf('Verdicts'))).toMatch(new RegExp(builtInWorkloads.map((w) => `\\n  ${w}: `).join('[^]*')));

    const report = JSON.parse(readFileSync(file, 'utf8'));
    expect(report).toMatchObject({ schemaVersion: 3, complete: true, machine: { logicalCores: expect.any(Number), node: process.version } });
    expect(report.verdicts.map((v: { workload: string }) => v.workload)).toEqual(builtInWorkloads);
    const rated = expect.objectContaining({ backend: expect.any(String), workers: expect.any(Number), interval: [expect.any(Number), expect.any(Number)] });
    for (const verdict of report.verdicts) {
      expect(verdict).toEqual({
        workload: expect.any(String),
        runtime: 'node',
        outcome: expect.stringMatching(/^(pays|does-not-pay|undecided)$/),
        margin: 0.03,
        fastest: verdict.outcome === 'pays' ? rated : null,
        best: verdict.outcome === 'pays' ? null : rated,
        equivalent: expect.any(Array),
        undecided: expect.any(Array),
        moreSeconds: verdict.outcome === 'undecided' ? expect.toSatisfy((s: unknown) => s === null || typeof s === 'number') : null,
        capacitySwing: expect.toSatisfy((swing: unknown) => swing === null || typeof swing === 'object'),
        faults: expect.any(Array),
        rule: expect.stringContaining('95%'),
        text: expect.any(String),
      });
    }
    for (const { capacity, rounds, forks } of report.workloads) {
      expect(forks).toBeGreaterThanOrEqual(2);
      expect(rounds).toBeGreaterThanOrEqual(3);
      expect(capacity[0]).toEqual({ workers: 1, median: 1, min: 1, max: 1 });
      for (const { median } of capacity) expect(median).toBeGreaterThan(0);
    }
    const workloads = new Set(report.results.map((r: { workload: string }) => r.workload));
    expect(workloads).toEqual(new Set(builtInWorkloads));
    expect(builtInWorkloads).toEqual(expect.arrayContaining(['sum-range', 'membership']));
    for (const row of report.results) {
      expect(Object.keys(row)).toEqual(
        expect.arrayContaining([
          'workload',
          'backend',
          'workers',
          'status',
          'p50Ms',
          'forks',
          'rounds',
          'standing',
          'speedup',
          'speedupInterval',
          'efficiency',
          'cpuMs',
          'cpuRatio',
          'peakRssMb',
          'startupMs',
        ]),
      );
      expect(row.status).toBe('ok');
      expect(row.meanMs).toBeGreaterThan(0);
      // Racing may drop a row after the first fork; the others go on in every fork.
      expect(row.rounds).toBeGreaterThanOrEqual(2);
      if (row.dropped === undefined) expect(row.forks).toBeGreaterThanOrEqual(2);
      else expect(row.dropped).toMatchObject({ round: expect.any(Number), reason: expect.stringMatching(/^out after round \d+: /) });
      expect(row.speedupInterval[0]).toBeLessThanOrEqual(row.speedup);
      expect(row.speedupInterval[1]).toBeGreaterThanOrEqual(row.speedup);
      expect(row.cpuMs).toBeGreaterThan(0);
      expect(row.peakRssMb).toBeGreaterThan(10);
      if (row.efficiency !== null) expect(row.efficiency).toBeLessThanOrEqual(1.05);
      else expect(row.fault).toMatch(/fault of the measurement/);
    }
    const backends = report.results.map((r: { backend: string; workers: number }) => `${r.backend}×${r.workers}`);
    expect(backends).toEqual(
      expect.arrayContaining([
        'sequential×1',
        'async×1',
        'worker-threads×1',
        'cluster×1',
        'threads×1',
        'workerpool×1',
        'piscina×1',
        'tinypool×1',
        'poolifier-threads×1',
        'poolifier-cluster×1',
      ]),
    );
  }, 240_000); // every built-in workload on every backend: the longest test

  it('ends a map stuck in a worker with --timeout, reports PARABENCH_ABORTED, and the run still finishes', async () => {
    const args = ['--quick', '--workloads', './tests/fixtures/hangs-in-workers.js', '--backends', 'worker-threads,cluster', '--timeout', '400'];
    const { code, stdout } = await runCli(args);
    expect(code).toBe(1);
    for (const backend of ['worker-threads', 'cluster']) {
      expect(stdout).toContain(`hangs-in-workers · ${backend} × 1: [PARABENCH_ABORTED] map aborted: --timeout: no result after 400 ms`);
    }
    expect(stdout).toMatch(/sequential .*✓/);
  });

  it('exits 1 and names the backend, the workload and the item when a backend disagrees', async () => {
    const { code, stdout } = await runCli(['--quick', '--workloads', 'sum-range', '--backends', 'async,./tests/fixtures/wrong-backend.js']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/off-by-one .*✗/);
    expect(stdout).toContain('sum-range · off-by-one × 1: results differ at item 15 (values differ): expected 499999500000, got 499999500001');
    expect(stdout).toMatch(/async .*✓/);
  });

  it('exits 2 for an unknown backend and lists the valid ones, without a stack trace', async () => {
    const { code, stderr } = await runCli(['--backends', 'nope']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown backend "nope"; valid backends: .*async.*sequential/);
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it.each([
    [['--workers', '0'], /--workers needs an integer of at least 1, got "0"/],
    [['--workers', 'two'], /--workers needs an integer/],
    [['--size', 'huge'], /--size must be one of quick, default, large/],
    [['--workloads', 'nope'], new RegExp(`unknown workload "nope"; valid workloads: ${[...builtInWorkloads].sort().join(', ')}`)],
    [['--frobnicate'], /unknown option '--frobnicate'/],
  ])('exits 2 for %j', async (args, message) => {
    const { code, stderr } = await runCli(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it("fits 100 columns: each workload's verdict, then a compact table with a bar per row; --wide shows every column", async () => {
    const args = ['--quick', '--workloads', 'sum-range,membership', '--backends', 'async,worker-threads,cluster'];
    const compact = await run(process.execPath, [cliPath, ...args], { cwd: repoRoot, env: { COLUMNS: '100' } });
    expect(compact.code, compact.output).toBe(0);
    const tooWide = compact.stdout.split('\n').filter((line) => line.length > 100);
    expect(tooWide).toEqual([]);
    expect(compact.stdout).toMatch(/^membership: .*\n(^ .*\n)*^Verdict: .*\n(^ .*\n)*^┌/m);
    expect(compact.stdout).toMatch(/│ combination\s+│\s+speed-up \[95% CI\] │ (bar \(0–[\d.]+×\)|0–[\d.]+×|bar)\s+│ standing\s+│ rounds │ CPU × │ agrees │/);
    expect(compact.stdout).toMatch(/│ worker-threads × 2 +│ .+ │ █+[▏▎▍▌▋▊▉]? *│/);
    expect(compact.stdout).not.toContain('│ efficiency │');
    const wide = await run(process.execPath, [cliPath, ...args, '--wide'], { cwd: repoRoot, env: { COLUMNS: '100' } });
    expect(wide.code, wide.output).toBe(0);
    expect(wide.stdout).toMatch(
      /│ backend\s+│ runs on\s+│ workers │ chunk size │ time \(median\) │ .* │ efficiency │ CPU \/ map │ CPU × │ peak RSS │ start-up │ first map │ forks │ rounds │ standing\s+│ agrees │/,
    );
  });

  it('lists the workloads and backends it found, with what a backend needs that this machine lacks', async () => {
    const { code, stdout } = await runCli(['--list'], { env: { PARABENCH_REDIS_URL: undefined } });
    expect(code).toBe(0);
    for (const name of ['sum-range', 'membership', 'sequential', 'async', 'bullmq']) expect(stdout).toMatch(new RegExp(`^\\s+${name}\\s+\\S`, 'm'));
    expect(stdout).toMatch(/^\s+bullmq\s+.*\[needs Redis: set PARABENCH_REDIS_URL=/m);
    expect(stdout).not.toMatch(/^\s+worker-threads\s+.*\[needs/m);
  });

  it('refuses, with exit 2, a backend asked for by name that needs what this machine lacks', async () => {
    const { code, stderr, stdout } = await runCli(['--quick', '--workloads', 'sum-range', '--backends', 'worker-threads,bullmq'], {
      env: { PARABENCH_REDIS_URL: undefined },
    });
    expect(code).toBe(2);
    expect(stderr).toContain('parabench: backend "bullmq" cannot run here: it needs Redis: set PARABENCH_REDIS_URL=');
    expect(stdout).toBe('');
  });
});
