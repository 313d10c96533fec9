import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './cli.js';
import { run } from './run.js';

export interface LocalRegistry {
  url: string;
  /** An npm user config pointing at the registry, with the token it needs to accept a publish. */
  npmrc: string;
  /** Environment for npm and pnpm (pnpm reads `pnpm_config_*`, not only `npm_config_*`). */
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/**
 * Starts verdaccio on 127.0.0.1 with storage in a temporary folder: it holds `@parabench/*`
 * (anyone may publish) and proxies every other package to the registry npm is configured with.
 */
export async function startRegistry(): Promise<LocalRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'parabench-registry-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  // stdout only: npm may warn on stderr (about a user config it does not know, say), and a warning is no URL.
  const upstream = (await run('npm', ['config', 'get', 'registry'], { cwd: dir })).stdout.trim();
  writeFileSync(
    join(dir, 'config.yaml'),
    [
      `storage: ${join(dir, 'storage')}`,
      'uplinks:',
      '  upstream:',
      `    url: ${upstream}`,
      '    timeout: 60s',
      'packages:',
      "  '@parabench/*':",
      '    access: $all',
      '    publish: $all',
      "  '**':",
      '    access: $all',
      '    proxy: upstream',
      'log: { type: stdout, format: pretty, level: warn }',
      '',
    ].join('\n'),
  );
  const npmrc = join(dir, '.npmrc');
  writeFileSync(npmrc, `registry=${url}\n//127.0.0.1:${port}/:_authToken=parabench-local-test\n`);
  const server: ChildProcess = spawn(
    process.execPath,
    [join(repoRoot, 'tests/node_modules/verdaccio/bin/verdaccio'), '--config', join(dir, 'config.yaml'), '--listen', `127.0.0.1:${port}`],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  server.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const up = await fetch(`${url}-/ping`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) break;
    if (server.exitCode !== null || Date.now() > deadline) {
      server.kill('SIGKILL');
      throw new Error(`verdaccio did not start on ${url}:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const env = {
    npm_config_userconfig: npmrc,
    npm_config_registry: url,
    pnpm_config_registry: url,
  };
  return {
    url,
    npmrc,
    env,
    async stop() {
      if (server.exitCode !== null) return;
      server.kill('SIGTERM');
      await once(server, 'exit');
    },
  };
}
