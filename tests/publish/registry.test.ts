import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';
import { startRegistry, type LocalRegistry } from '../helpers/registry.js';
import { run } from '../helpers/run.js';

describe('publishing to a real registry', () => {
  let registry: LocalRegistry;
  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(async () => {
    await registry?.stop();
  });

  it('publishes every package with changeset publish', async () => {
    const published = await run('pnpm', ['exec', 'changeset', 'publish', '--no-git-tag'], { cwd: repoRoot, env: registry.env });
    expect(published.code, published.output).toBe(0);
    for (const folder of readdirSync(join(repoRoot, 'packages'))) {
      const { name, version } = JSON.parse(readFileSync(join(repoRoot, 'packages', folder, 'package.json'), 'utf8')) as { name: string; version: string };
      const response = await fetch(`${registry.url}${name.replace('/', '%2f')}`);
      expect(response.status, name).toBe(200);
      const manifest = (await response.json()) as { versions: Record<string, { dependencies?: Record<string, string> }> };
      expect(Object.keys(manifest.versions), name).toContain(version);
      // workspace: ranges are rewritten to real ones on publish.
      for (const range of Object.values(manifest.versions[version]?.dependencies ?? {})) expect(range).not.toMatch(/^workspace:/);
    }
  });

  it('installs @parabench/suite from it into a fresh project, and parabench runs there', async () => {
    const project = mkdtempSync(join(tmpdir(), 'parabench-from-registry-'));
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'from-registry', private: true, type: 'module' }));
    const installed = await run('npm', ['install', '--no-audit', '--no-fund', '@parabench/suite'], { cwd: project, env: registry.env });
    expect(installed.code, installed.output).toBe(0);
    const bench = await run('npx', ['--no-install', 'parabench', '--quick', '--workloads', 'sum-range', '--backends', 'worker-threads,piscina'], {
      cwd: project,
      env: registry.env,
    });
    expect(bench.code, bench.output).toBe(0);
    expect(bench.output).toMatch(/All 5 combinations agree with the sequential reference/);
  });
});
