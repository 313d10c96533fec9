import { existsSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolve as resolveSpecifier } from 'import-meta-resolve';
import { discoverDeclared, InvalidOptionsError, loadBackend, loadWorkload, messageOf } from '@parabench/core';
import type { LoadedBackend, LoadedWorkload } from '../model/index.js';
import { compileTypeScript, isTypeScript } from './typescript.js';

/** Everything installed or in the workspace, by name. */
export interface Catalog {
  backends: Map<string, LoadedBackend>;
  workloads: Map<string, LoadedWorkload>;
  /** Declared modules that failed to load: reported, not fatal. */
  warnings: string[];
}

/** Loads every backend and workload that packages around `startDirs` declare. */
export async function loadCatalog(startDirs: readonly string[]): Promise<Catalog> {
  const declared = discoverDeclared(startDirs);
  const catalog: Catalog = { backends: new Map(), workloads: new Map(), warnings: [] };
  const note = (packageName: string, error: unknown): void => {
    catalog.warnings.push(`skipped a module of ${packageName}: ${messageOf(error)}`);
  };
  for (const { url, packageName } of declared.backends) {
    await loadBackend(url).then(
      (backend) => void (catalog.backends.has(backend.name) || catalog.backends.set(backend.name, { backend, url })),
      (error: unknown) => note(packageName, error),
    );
  }
  for (const { url, packageName } of declared.workloads) {
    await loadWorkload(url).then(
      (definition) => void (catalog.workloads.has(definition.name) || catalog.workloads.set(definition.name, { definition, url })),
      (error: unknown) => note(packageName, error),
    );
  }
  return catalog;
}

/** Backends by `--backends` value: installed names, module paths, or package specifiers. */
export async function selectBackends(catalog: Catalog, values: readonly string[], cwd: string): Promise<LoadedBackend[]> {
  return select(values, catalog.backends, 'backend', cwd, async (url) => ({ backend: await loadBackend(url), url }));
}

/** Workloads by `--workloads` value: installed names, module paths, or package specifiers. */
export async function selectWorkloads(catalog: Catalog, values: readonly string[], cwd: string): Promise<LoadedWorkload[]> {
  return select(values, catalog.workloads, 'workload', cwd, async (url) => ({ definition: await loadWorkload(url), url }));
}

async function select<T>(values: readonly string[], known: Map<string, T>, kind: string, cwd: string, load: (url: string) => Promise<T>): Promise<T[]> {
  const selected: T[] = [];
  for (const value of values) {
    const byName = known.get(value);
    if (byName !== undefined) {
      selected.push(byName);
      continue;
    }
    const url = moduleUrl(value, cwd);
    if (url === undefined) {
      const names = [...known.keys()].join(', ') || '(none found)';
      throw new InvalidOptionsError(`unknown ${kind} "${value}"; valid ${kind}s: ${names} (or a path to a ${kind} module)`);
    }
    selected.push(await load(url));
  }
  return selected;
}

/** A module path or package specifier as a `file:` URL, or undefined when it is neither. */
function moduleUrl(value: string, cwd: string): string | undefined {
  if (value.startsWith('file:')) return value;
  if (/^(\.{1,2}[\\/]|[\\/]|[A-Za-z]:[\\/])/.test(value) || /\.[cm]?[jt]s$/.test(value)) {
    const file = resolvePath(cwd, value);
    if (!existsSync(file)) throw new InvalidOptionsError(`no such module file: ${file}`);
    return pathToFileURL(isTypeScript(file) ? compileTypeScript(file) : file).href;
  }
  try {
    return resolveSpecifier(value, pathToFileURL(join(cwd, 'package.json')).href);
  } catch {
    return undefined;
  }
}
