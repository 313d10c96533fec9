import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli, type CliResult } from '../helpers/cli.js';
import { docExamples, outsideProject } from '../helpers/docs.js';
import { run } from '../helpers/run.js';

/** The arguments of a documented `npx parabench …` command. */
function parabenchArgs(command: string | undefined): string[] {
  const words = (command ?? '').trim().split(/\s+/);
  expect(words.slice(0, 2)).toEqual(['npx', 'parabench']);
  return words.slice(2);
}

/** Files of a page: its examples that are named like files. */
function filesOf(examples: Map<string, string>): Map<string, string> {
  return new Map([...examples].filter(([name]) => name.includes('.')));
}

function runVitest(cwd: string): Promise<CliResult> {
  return run(process.execPath, [join(repoRoot, 'node_modules/vitest/vitest.mjs'), 'run'], { cwd });
}

describe('the examples in the docs run as written, outside the repository', () => {
  it('core README: the complete backend runs under parabench --backends ./my-backend.js', async () => {
    const examples = docExamples('packages/core/README.md');
    expect([...examples.keys()]).toEqual(['my-backend.js']);
    const dir = outsideProject(examples, ['@parabench/core']);
    const { code, stdout, stderr } = await runCli(['--quick', '--backends', './my-backend.js', '--workloads', 'sum-range'], { cwd: dir });
    expect(stderr).not.toMatch(/unexpected failure/);
    expect(code).toBe(0);
    expect(stdout).toMatch(/│ my-loop × 1\s+│.*✓/);
  });

  it('docs/adding-a-workload.md: the workload module runs in every backend and agrees', async () => {
    const examples = docExamples('docs/adding-a-workload.md');
    const dir = outsideProject(filesOf(examples), ['@parabench/core']);
    const { code, stdout } = await runCli(parabenchArgs(examples.get('run')), { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^count-primes: 8 items\./m);
    expect(stdout).toMatch(/All \d+ combinations agree/);
    // The same in TypeScript, with an interface and an enum: every backend, Node 20, no build step.
    const typed = await runCli(parabenchArgs(examples.get('run-ts')), { cwd: dir });
    expect(typed.code, typed.output).toBe(0);
    expect(typed.stdout).toMatch(/^count-primes-ts: 8 items\./m);
    expect(typed.stdout).toMatch(/All \d+ combinations agree/);
    for (const backend of ['worker-threads', 'cluster', 'piscina', 'tinypool', 'workerpool', 'threads', 'poolifier-threads', 'poolifier-cluster', 'async']) {
      expect(typed.stdout).toMatch(new RegExp(`│ ${backend} × \\d\\s+│.*✓`));
    }
  });

  it('docs/adding-a-backend.md: the backend passes the conformance suite and runs in the table', async () => {
    const examples = docExamples('docs/adding-a-backend.md');
    expect(examples.get('test')?.trim()).toBe('npx vitest run');
    const dir = outsideProject(filesOf(examples), ['@parabench/core', '@parabench/workloads']);
    const tests = await runVitest(dir);
    expect(tests.stdout + tests.stderr).toMatch(/Tests\s+\d+ passed/);
    expect(tests.code).toBe(0);
    const { code, stdout } = await runCli(parabenchArgs(examples.get('run')), { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toMatch(/│ my-pool × 2\s+│.*✓/);
  });
});
