import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Backend } from '@parabench/core';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';

interface Manifest {
  name: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  parabench?: { backend?: string };
  [field: string]: unknown;
}

const manifests: Manifest[] = readdirSync(join(repoRoot, 'packages')).map((folder) =>
  JSON.parse(readFileSync(join(repoRoot, 'packages', folder, 'package.json'), 'utf8')),
);

describe('the published packages', () => {
  it.each(manifests.map((m) => [m.name, m]))('%s has what a published package needs', (_, manifest) => {
    for (const field of ['version', 'description', 'license', 'repository', 'type', 'exports', 'files', 'engines', 'sideEffects', 'publishConfig']) {
      expect(manifest, field).toHaveProperty(field);
    }
    expect(manifest).toMatchObject({ license: 'MIT', type: 'module', files: ['dist'], sideEffects: false, publishConfig: { access: 'public' } });
    expect(manifest.private).toBeUndefined();
    for (const [name, range] of Object.entries(manifest.dependencies ?? {})) {
      if (name.startsWith('@parabench/')) expect(range, name).toBe('workspace:^');
    }
  });

  it('the suite depends on every backend in the workspace, so installing it brings them all', () => {
    const suite = manifests.find((m) => m.name === '@parabench/suite');
    const backends = manifests.filter((m) => m.parabench?.backend !== undefined && m.name !== '@parabench/core').map((m) => m.name);
    expect(backends.length).toBeGreaterThan(0);
    for (const backend of backends) expect(suite?.dependencies, backend).toHaveProperty(backend);
  });
});

describe("the backend packages' READMEs", () => {
  const folders = readdirSync(join(repoRoot, 'packages')).filter((folder) => folder.startsWith('backend-'));
  const load = async (folder: string): Promise<Backend> =>
    ((await import(pathToFileURL(join(repoRoot, 'packages', folder, 'dist', 'index.js')).href)) as { default: Backend }).default;

  it.each(folders)('%s lists under "Capabilities" exactly what its backend declares', async (folder) => {
    const declared = Object.entries((await load(folder)).supports ?? {})
      .filter(([, on]) => on === true)
      .map(([name]) => name);
    // Every capability any backend declares: the names a README can list.
    const known = new Set((await Promise.all(folders.map(load))).flatMap((backend) => Object.keys(backend.supports ?? {})));
    const line = readFileSync(join(repoRoot, 'packages', folder, 'README.md'), 'utf8').match(/^\*\*Capabilities\.\*\*(.*)$/m)?.[1] ?? '';
    const listed = [...line.matchAll(/(Not )?`([A-Za-z]+)`/g)]
      .filter(([, not, name]) => not === undefined && known.has(name as string))
      .map(([, , name]) => name);
    expect(listed.sort()).toEqual(declared.sort());
  });
});
