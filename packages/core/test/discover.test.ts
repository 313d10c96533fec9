import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverDeclared } from '../src/index.js';

const writePackage = (dir: string, manifest: object, files: Record<string, string> = {}): void => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
};

describe('discoverDeclared', () => {
  const root = mkdtempSync(join(tmpdir(), 'parabench-discover-'));
  writeFileSync(join(root, 'pnpm-workspace.yaml'), 'packages:\n  - "libs/*"\n  - tools\nallowBuilds:\n  - ignored/*\n');
  writePackage(join(root, 'libs', 'backend-x'), {
    name: 'backend-x',
    exports: { '.': { types: './dist/index.d.ts', import: './dist/index.js' } },
    parabench: { backend: '.' },
  });
  writePackage(join(root, 'libs', 'plain'), { name: 'plain' });
  writePackage(join(root, 'tools'), { name: 'tools', exports: { './seq': './dist/seq.js' }, parabench: { backend: './seq' } });
  writePackage(join(root, 'ignored', 'y'), { name: 'y', main: 'y.js', parabench: { backend: '.' } });
  writePackage(
    join(root, 'node_modules', '@scope', 'w'),
    { name: '@scope/w', parabench: { workloads: './dist/w' } },
    {
      'dist/w/b.js': '',
      'dist/w/a.js': '',
      'dist/w/a.d.ts': '',
    },
  );
  // The same package again, deeper: the first one found wins.
  writePackage(join(root, 'libs', 'backend-x', 'node_modules', 'backend-x'), { name: 'backend-x', main: 'other.js', parabench: { backend: '.' } });

  it('finds workspace packages and node_modules packages by their parabench field', () => {
    const found = discoverDeclared([join(root, 'libs', 'backend-x')]);
    expect(found.backends).toEqual([
      { packageName: 'backend-x', url: expect.stringMatching(/libs\/backend-x\/dist\/index\.js$/) },
      { packageName: 'tools', url: expect.stringMatching(/tools\/dist\/seq\.js$/) },
    ]);
    expect(found.workloads.map((w) => w.url.replace(/.*\/dist\//, ''))).toEqual(['w/a.js', 'w/b.js']);
  });

  it('finds nothing outside any workspace or node_modules', () => {
    expect(discoverDeclared([mkdtempSync(join(tmpdir(), 'parabench-empty-'))])).toEqual({ backends: [], workloads: [] });
  });
});
