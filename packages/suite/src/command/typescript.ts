import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { buildSync, type BuildFailure, type Message } from 'esbuild';
import { InvalidModuleError } from '@parabench/core';
import { writeAtomically } from '../report/atomic-write.js';

/** The extensions of the TypeScript modules `--workloads` and `--backends` take. */
const TYPESCRIPT = /\.[cm]?ts$/;

export const isTypeScript = (file: string): boolean => TYPESCRIPT.test(file) && !file.endsWith('.d.ts');

/**
 * A TypeScript module as JavaScript that every thread and process imports: transpiled once, here,
 * with esbuild (types stripped, enums compiled, its own relative imports bundled in, packages
 * left to resolve as Node resolves them), into a cache beside the project's packages, named by a
 * digest of the output, so that every run of the same source imports the same file. Node 20
 * cannot import `.ts` itself, and this way the pools, the cluster children and the bullmq agents
 * all load one plain module, the one whose digest the agents check. A syntax error is the user's
 * to fix: an {@link InvalidModuleError} with the file, line and column, which the CLI turns into
 * exit status 2. Type errors are not checked: that is the compiler's job, not a benchmark's.
 */
export function compileTypeScript(file: string): string {
  let code: string;
  try {
    const result = buildSync({
      entryPoints: [file],
      bundle: true,
      packages: 'external',
      format: 'esm',
      platform: 'node',
      target: 'node20',
      write: false,
      sourcemap: 'inline',
      sourcesContent: false,
      logLevel: 'silent',
    });
    code = result.outputFiles[0]?.text ?? '';
  } catch (error) {
    const { where, text } = firstError(error, file);
    throw new InvalidModuleError(where, `cannot be compiled: ${text}`, { cause: error });
  }
  const digest = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const output = join(cacheDir(file), `${basename(file, extname(file))}-${digest}.mjs`);
  if (!existsSync(output) || readFileSync(output, 'utf8') !== code) writeAtomically(output, code);
  return output;
}

/** Where compiled modules go: the cache folder of the nearest `node_modules` above the source, so that its packages resolve from there too. */
function cacheDir(file: string): string {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules'))) return join(dir, 'node_modules', '.cache', 'parabench');
    if (dirname(dir) === dir) return join(dirname(file), '.parabench-cache');
  }
}

/** esbuild's first error, as a person reads it: where (`file:line:column`) and what. */
function firstError(error: unknown, file: string): { where: string; text: string } {
  const errors = (error as Partial<BuildFailure> | null)?.errors;
  const first: Message | undefined = errors?.[0];
  if (first === undefined) return { where: file, text: error instanceof Error ? error.message : String(error) };
  const more = (errors?.length ?? 1) > 1 ? ` (and ${(errors?.length ?? 1) - 1} more)` : '';
  const location = first.location;
  const where = location === null ? file : `${resolve(location.file)}:${location.line}:${location.column + 1}`;
  return { where, text: `${first.text}${more}` };
}
