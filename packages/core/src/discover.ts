import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** A module some installed or workspace package declares through the `parabench` field of its package.json. */
export interface DeclaredModule {
  /** `file:` URL that any thread or process can import. */
  url: string;
  /** The package that declares it. */
  packageName: string;
}

export interface Declared {
  backends: DeclaredModule[];
  workloads: DeclaredModule[];
}

/**
 * The `parabench` field a package adds to its package.json to be found without a list:
 * `{ "backend": "<export subpath>" }` and/or `{ "workloads": "<folder of workload modules>" }`.
 */
interface ParabenchField {
  backend?: string;
  workloads?: string;
}

interface PackageJson {
  name?: string;
  exports?: unknown;
  main?: string;
  parabench?: ParabenchField;
}

/**
 * Finds the backends and workloads that packages declare, looking in the pnpm workspace
 * around each start folder (so a new workspace package shows up with no edit elsewhere)
 * and in every `node_modules` from each start folder up to the root.
 * The first package of a name wins, and workspaces are read first.
 */
export function discoverDeclared(startDirs: readonly string[]): Declared {
  const packageDirs = [...startDirs.flatMap(workspacePackageDirs), ...startDirs.flatMap(nodeModulesPackageDirs)];
  const seen = new Set<string>();
  const declared: Declared = { backends: [], workloads: [] };
  for (const dir of packageDirs) {
    const manifest = readManifest(dir);
    if (manifest?.name === undefined || manifest.parabench === undefined || seen.has(manifest.name)) continue;
    seen.add(manifest.name);
    const { backend, workloads } = manifest.parabench;
    if (backend !== undefined) {
      const file = exportTarget(manifest, backend);
      if (file !== undefined) declared.backends.push({ url: pathToFileURL(join(dir, file)).href, packageName: manifest.name });
    }
    if (workloads !== undefined) {
      const folder = join(dir, workloads);
      const files = existsSync(folder)
        ? readdirSync(folder)
            .filter((f) => f.endsWith('.js'))
            .sort()
        : [];
      for (const file of files) declared.workloads.push({ url: pathToFileURL(join(folder, file)).href, packageName: manifest.name });
    }
  }
  return declared;
}

function readManifest(dir: string): PackageJson | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
  } catch {
    return undefined;
  }
}

/** The file an `exports` subpath points to for `import`, or `main` for ".". */
function exportTarget(manifest: PackageJson, subpath: string): string | undefined {
  const exportsField = manifest.exports;
  const entry = typeof exportsField === 'string' && subpath === '.' ? exportsField : (exportsField as Record<string, unknown> | undefined)?.[subpath];
  if (typeof entry === 'string') return entry;
  if (typeof entry === 'object' && entry !== null) {
    const conditions = entry as Record<string, unknown>;
    const target = conditions.import ?? conditions.default;
    if (typeof target === 'string') return target;
  }
  return subpath === '.' ? manifest.main : undefined;
}

function ancestors(start: string): string[] {
  const dirs: string[] = [];
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    dirs.push(dir);
    if (dirname(dir) === dir) return dirs;
  }
}

function nodeModulesPackageDirs(start: string): string[] {
  return ancestors(start).flatMap((dir) => {
    const modules = join(dir, 'node_modules');
    return subfolders(modules).flatMap((name) =>
      name.startsWith('@') ? subfolders(join(modules, name)).map((inner) => join(modules, name, inner)) : [join(modules, name)],
    );
  });
}

/** Package folders of the nearest pnpm workspace above `start`; patterns of the form `dir`, `dir/*`. */
function workspacePackageDirs(start: string): string[] {
  const root = ancestors(start).find((dir) => existsSync(join(dir, 'pnpm-workspace.yaml')));
  if (root === undefined) return [];
  return workspacePatterns(readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8'))
    .filter((pattern) => pattern !== '' && !pattern.startsWith('!'))
    .flatMap((pattern) =>
      pattern.endsWith('/*') ? subfolders(join(root, pattern.slice(0, -2))).map((name) => join(root, pattern.slice(0, -2), name)) : [join(root, pattern)],
    );
}

/** The list under the top-level `packages:` key; the file's other keys are not ours to read. */
function workspacePatterns(yaml: string): string[] {
  const block = /^packages:[ \t]*\r?\n((?:[ \t-].*(?:\r?\n|$)|\r?\n)*)/m.exec(yaml)?.[1] ?? '';
  return [...block.matchAll(/^\s*-\s*['"]?([^'"#\s]+)['"]?/gm)].map((m) => m[1] ?? '');
}

function subfolders(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => (entry.isDirectory() || entry.isSymbolicLink()) && !entry.name.startsWith('.'))
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}
