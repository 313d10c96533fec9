import { fileURLToPath } from 'node:url';
import { run, type RunResult } from './run.js';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const cliPath = fileURLToPath(new URL('../../packages/suite/dist/cli.js', import.meta.url));

export type CliResult = RunResult;

/** Runs the built `parabench` CLI as a user would, without a TTY. */
export function runCli(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return run(process.execPath, [cliPath, ...args], { cwd: options.cwd ?? repoRoot, env: options.env });
}
