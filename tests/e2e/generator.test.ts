import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';
import { run } from '../helpers/run.js';

/** A copy of the workspace as git sees it: what a fresh clone would hold. */
function copyWorkspace(): string {
  const copy = mkdtempSync(join(tmpdir(), 'parabench-generator-'));
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repoRoot, encoding: 'utf8' }).split('\0');
  for (const file of files.filter((f) => f !== '' && existsSync(join(repoRoot, f)))) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    copyFileSync(join(repoRoot, file), join(copy, file));
  }
  return copy;
}

describe('pnpm gen:backend', () => {
  let workspace: string;
  const step = async (command: string, args: string[]): Promise<string> => {
    const result = await run(command, args, { cwd: workspace, env: { CI: 'true', TURBO_TELEMETRY_DISABLED: '1' } });
    expect(result.code, `${command} ${args.join(' ')}\n${result.output}`).toBe(0);
    return result.output;
  };

  beforeAll(async () => {
    workspace = copyWorkspace();
    await step('pnpm', ['install', '--offline', '--frozen-lockfile']);
    await step('pnpm', ['gen:backend', 'demo-pool']);
    await step('pnpm', ['install', '--offline', '--no-frozen-lockfile']);
    await step('pnpm', ['build']);
  }, 600_000);

  it('scaffolds a package that builds and passes the conformance suite as generated', async () => {
    const manifest = JSON.parse(readFileSync(join(workspace, 'packages/backend-demo-pool/package.json'), 'utf8'));
    expect(manifest).toMatchObject({ name: '@parabench/backend-demo-pool', parabench: { backend: '.' }, files: ['dist'] });
    expect(readFileSync(join(workspace, 'packages/backend-demo-pool/src/index.ts'), 'utf8')).toContain('TRANSPORT');
    const output = await step('node', [join(workspace, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter', 'verbose', 'packages/backend-demo-pool']);
    expect(output).toMatch(/backend "demo-pool" conforms/);
    expect(output).toMatch(/Tests\s+\d+ passed/);
  });

  it('makes the suite depend on it, and parabench finds it with no list edited', async () => {
    const suite = JSON.parse(readFileSync(join(workspace, 'packages/suite/package.json'), 'utf8'));
    expect(suite.dependencies['@parabench/backend-demo-pool']).toBe('workspace:^');
    const list = await step('node', ['packages/suite/dist/cli.js', '--list']);
    expect(list).toMatch(/^\s+demo-pool\s+TODO: one line for parabench --list\.$/m);
    const bench = await step('node', ['packages/suite/dist/cli.js', '--quick', '--backends', 'demo-pool', '--workloads', 'sum-range']);
    expect(bench).toMatch(/│ demo-pool × 2\s+│.*✓/);
  });
});
