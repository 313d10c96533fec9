import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidOptionsError } from '@parabench/core';
import type { WorkloadRef } from './protocol.js';

const digests = new Map<string, { stamp: string; digest: string }>();

/** SHA-256 of a module file, recomputed only when its size or modification time changes. */
export function fileDigest(file: string): string {
  const { size, mtimeMs } = statSync(file);
  const stamp = `${size}:${mtimeMs}`;
  const known = digests.get(file);
  if (known?.stamp === stamp) return known.digest;
  const digest = createHash('sha256').update(readFileSync(file)).digest('hex');
  digests.set(file, { stamp, digest });
  return digest;
}

/**
 * How agents on other hosts find the workload at `specifier` (a `file:` URL): the path inside
 * the nearest package that has a name, else the file's name alone.
 */
export function workloadRef(specifier: string): { ref: WorkloadRef; file: string } {
  if (!specifier.startsWith('file:')) throw new InvalidOptionsError(`bullmq sends workloads by file; got "${specifier}" (resolve it to a file: URL first)`);
  const file = fileURLToPath(specifier);
  const digest = fileDigest(file);
  const owner = owningPackage(file);
  const ref: WorkloadRef =
    owner === undefined ? { path: basename(file), digest } : { package: owner.name, path: relative(owner.root, file).split(sep).join('/'), digest };
  return { ref, file };
}

/** A stable text for a ref, without its digest: what an allow list is keyed by. */
export const refKey = (ref: Pick<WorkloadRef, 'package' | 'path'>): string => (ref.package === undefined ? ref.path : `${ref.package}/${ref.path}`);

function owningPackage(file: string): { name: string; root: string } | undefined {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown };
      if (typeof name === 'string' && name !== '') return { name, root: dir };
    }
    if (dirname(dir) === dir) return undefined;
  }
}
