import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlopTypes } from '@turbo/gen';

/** `pnpm gen:backend <name>`: a backend package with a working transport, its conformance test and README. */
export default function generator(plop: PlopTypes.NodePlopAPI): void {
  plop.setGenerator('backend', {
    description: 'A parabench backend package: a working worker_threads transport to adapt, its conformance test and a README',
    prompts: [
      {
        type: 'input',
        name: 'name',
        message: 'Backend name (lowercase, digits and dashes, e.g. my-pool)',
        validate: (value: string) => /^[a-z][a-z0-9-]*$/.test(value) || 'use lowercase letters, digits and dashes, starting with a letter',
      },
    ],
    actions: [
      {
        type: 'addMany',
        destination: '{{ turbo.paths.root }}/packages/backend-{{ name }}',
        base: 'templates/backend',
        templateFiles: 'templates/backend/**',
        stripExtensions: ['hbs'],
        globOptions: { dot: true },
        abortOnFail: true,
      },
      // The suite depends on every backend, so that installing @parabench/suite brings them all.
      (answers) => {
        const { name, turbo } = answers as { name: string; turbo: { paths: { root: string } } };
        const file = join(turbo.paths.root, 'packages/suite/package.json');
        const manifest = JSON.parse(readFileSync(file, 'utf8')) as { dependencies: Record<string, string> };
        manifest.dependencies[`@parabench/backend-${name}`] = 'workspace:^';
        manifest.dependencies = Object.fromEntries(Object.entries(manifest.dependencies).sort(([a], [b]) => a.localeCompare(b)));
        writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
        return `added @parabench/backend-${name} to @parabench/suite's dependencies; now run: pnpm install && pnpm test`;
      },
    ],
  });
}
