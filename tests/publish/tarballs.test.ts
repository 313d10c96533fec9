import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';
import { run } from '../helpers/run.js';

describe('the packed tarballs', () => {
  const tarballs = mkdtempSync(join(tmpdir(), 'parabench-tarballs-'));
  let files: string[] = [];

  beforeAll(async () => {
    const packed = await run('pnpm', ['--filter', './packages/*', '-r', 'pack', '--pack-destination', tarballs], { cwd: repoRoot });
    expect(packed.code, packed.output).toBe(0);
    files = readdirSync(tarballs)
      .filter((file) => file.endsWith('.tgz'))
      .map((file) => join(tarballs, file));
  });

  it('install with npm into a fresh project outside the workspace, and parabench runs there', async () => {
    const packages = readdirSync(join(repoRoot, 'packages'));
    expect(files).toHaveLength(packages.length);
    const project = mkdtempSync(join(tmpdir(), 'parabench-from-tarballs-'));
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'from-tarballs', private: true, type: 'module' }));
    const installed = await run('npm', ['install', '--no-audit', '--no-fund', ...files], { cwd: project });
    expect(installed.code, installed.output).toBe(0);
    const bench = await run('npx', ['--no-install', 'parabench', '--quick', '--backends', 'worker-threads,cluster', '--workloads', 'sum-range'], {
      cwd: project,
    });
    expect(bench.code, bench.output).toBe(0);
    expect(bench.output).toMatch(/All 5 combinations agree with the sequential reference/);
  });
});
