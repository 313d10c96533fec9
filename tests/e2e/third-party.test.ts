import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { docExamples, outsideProject } from '../helpers/docs.js';

describe('backends and workloads from outside the workspace', () => {
  it('loads a backend by the name of an installed package that has no parabench field', async () => {
    const dir = outsideProject(new Map(), ['@parabench/core']);
    const pkg = join(dir, 'node_modules', 'my-ext-backend');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'my-ext-backend', type: 'module', exports: './index.js' }));
    writeFileSync(join(pkg, 'index.js'), docExamples('packages/core/README.md').get('my-backend.js') ?? '');
    const { code, stdout } = await runCli(['--quick', '--backends', 'my-ext-backend', '--workloads', 'sum-range'], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toMatch(/│ my-loop × 1\s+│.*✓/);
  });

  it.each([
    ['--backends', 'bad-backend.js', 'export default { name: "half", description: "no start" };', /bad-backend\.js: not a backend: field "start" is missing/],
    [
      '--workloads',
      'bad-workload.js',
      'export default { name: "w", description: "d", generate() { return { items: [], context: null }; } };',
      /bad-workload\.js: not a workload: field "map" is missing/,
    ],
    ['--workloads', 'no-default.js', 'export const map = () => 1;', /no-default\.js: has no default export/],
    ['--backends', 'broken.js', 'import "./does-not-exist.js";', /broken\.js: cannot be imported/],
  ])('exits 2 naming what %s %s lacks', async (flag, file, source, message) => {
    const dir = outsideProject(new Map([[file, source]]), ['@parabench/core']);
    const { code, stderr } = await runCli(['--quick', flag, `./${file}`], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it('exits 2 for a module path that does not exist', async () => {
    const { code, stderr } = await runCli(['--backends', './nowhere.js']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/no such module file: .*nowhere\.js/);
  });
});
