import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { VersionSkewError, WorkloadRefusedError } from '@parabench/core';
import type { WorkloadRef } from '../protocol.js';
import { fileDigest, refKey } from '../workload-ref.js';

const PACKAGE_NAME = /^(@[a-z0-9~-][a-z0-9._~-]*\/)?[a-z0-9~-][a-z0-9._~-]*$/;
const MODULE_FILE = /\.[cm]?js$/;

/** Which workload modules an agent may load: what its operator allowed, and nothing a job names beyond it. */
export interface AllowList {
  /** The local file for `ref`; throws `PARABENCH_WORKLOAD_REFUSED` or `PARABENCH_VERSION_SKEW` naming `agent`. */
  resolve(ref: WorkloadRef, agent: string): string;
}

export interface AllowOptions {
  /** Installed packages whose modules may be loaded by path. */
  packages: readonly string[];
  /** Folders whose module files may be loaded by file name. */
  dirs: readonly string[];
  /** Where installed packages are looked up (each folder and its parents' node_modules). */
  searchFrom: readonly string[];
  /** Files allowed by their ref's key, read live: how a caller on this machine hands its workloads to the agents it started. */
  files?: Map<string, string> | undefined;
}

export function createAllowList(options: AllowOptions): AllowList {
  const files = options.files ?? new Map<string, string>();
  const roots = new Map<string, string | undefined>();
  const dirs = options.dirs.map((dir) => resolve(dir));
  const rootOf = (name: string): string | undefined => {
    if (!roots.has(name)) roots.set(name, findPackage(name, options.searchFrom));
    return roots.get(name);
  };

  const locate = (ref: WorkloadRef): string | undefined => {
    const given = files.get(refKey(ref));
    if (given !== undefined) return given;
    if (!safePath(ref.path)) return undefined;
    if (ref.package !== undefined && options.packages.includes(ref.package)) {
      const root = rootOf(ref.package);
      const file = root === undefined ? undefined : join(root, ...ref.path.split('/'));
      if (file !== undefined && existsSync(file)) return file;
    }
    const name = basename(ref.path);
    return dirs.map((dir) => join(dir, name)).find((file) => existsSync(file));
  };

  return {
    resolve(ref, agent) {
      const file = locate(ref);
      if (file === undefined) {
        const allowed = [...options.packages.map((p) => `package ${p}`), ...dirs.map((d) => `folder ${d}`)].join(', ') || 'nothing';
        throw new WorkloadRefusedError(
          `agent ${agent} does not serve workload module ${refKey(ref)}: its operator allowed ${allowed} (start it with --package NAME or --dir FOLDER)`,
        );
      }
      const digest = fileDigest(file);
      if (digest !== ref.digest) {
        throw new VersionSkewError(
          `agent ${agent} has a different copy of workload module ${refKey(ref)} (${file}: sha256 ${digest.slice(0, 12)}…, the caller's: ${ref.digest.slice(0, 12)}…); install the same version on every host`,
        );
      }
      return file;
    },
  };
}

/** A relative path inside a package: no parent steps, no absolute path, a module file. */
function safePath(path: string): boolean {
  return MODULE_FILE.test(path) && !path.startsWith('/') && !path.includes('\\') && path.split('/').every((part) => part !== '..' && part !== '');
}

function findPackage(name: string, searchFrom: readonly string[]): string | undefined {
  if (!PACKAGE_NAME.test(name)) return undefined;
  for (const start of searchFrom) {
    for (let dir = resolve(start); ; dir = dirname(dir)) {
      const root = join(dir, 'node_modules', ...name.split('/'));
      if (existsSync(join(root, 'package.json'))) return realpathSync(root);
      if (dirname(dir) === dir) break;
    }
  }
  return undefined;
}
