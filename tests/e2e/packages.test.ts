import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
