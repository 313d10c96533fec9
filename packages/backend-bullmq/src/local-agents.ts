import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { REDIS_URL_ENV } from './config.js';
import type { FromParent, ToParent } from './agent/parent.js';

const agentCli = fileURLToPath(new URL('./agent/cli.js', import.meta.url));
/** How long a stopping agent may take to leave its queue before it is killed. */
const STOP_GRACE_MS = 3000;

export interface LocalAgentsOptions {
  count: number;
  redisUrl: string;
  queue: string;
  lockMs: number;
  maxMemoryMb?: number | undefined;
}

/** Agents this caller started on this machine: one thread each, serving only its queue; one that dies is replaced. */
export interface LocalAgents {
  /** Lets every agent (and every replacement) load `file` under `key`; resolves once they all can. */
  allow(key: string, file: string): Promise<void>;
  /** How the last agent that died went, if one did. */
  lastDeath(): string | undefined;
  /** How an agent that died before it was ready went: it would die again, so starting has failed. */
  startFailure(): string | undefined;
  pids(): number[];
  close(): Promise<void>;
}

/**
 * Starts `count` agent processes. Each gets Redis's URL in its environment (not on its command
 * line, where `ps` would show the password) and an IPC channel, over which it learns which files
 * it may load and through which it notices this process's death.
 */
export function startLocalAgents(options: LocalAgentsOptions): LocalAgents {
  const allowed = new Map<string, string>();
  const children = new Set<ChildProcess>();
  /** Agents that said hello and got the files allowed so far; the others get them with `start`. */
  const greeted = new Set<ChildProcess>();
  let lastDeath: string | undefined;
  let startFailure: string | undefined;
  let nextId = 1;
  let closed = false;

  const request = (child: ChildProcess, key: string, file: string): Promise<void> =>
    new Promise((resolve) => {
      const id = nextId++;
      const onMessage = (message: ToParent): void => {
        if (message.type === 'allowed' && message.id === id) done();
      };
      const done = (): void => {
        child.off('message', onMessage);
        child.off('exit', done);
        resolve();
      };
      child.on('message', onMessage);
      child.once('exit', done);
      child.send({ type: 'allow', id, key, file } satisfies FromParent, (error) => error && done());
    });

  const spawnAgent = (): void => {
    const args = ['--queue', options.queue, '--threads', '1', '--lock-ms', String(options.lockMs), '--quiet'];
    if (options.maxMemoryMb !== undefined) args.push('--max-memory', String(options.maxMemoryMb));
    // Not the caller's own Node flags (`--input-type`, loaders, heap sizes): an agent runs plain JavaScript.
    const child = fork(agentCli, args, {
      execArgv: [],
      env: { ...process.env, [REDIS_URL_ENV]: options.redisUrl },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (text: string) => (stderr = (stderr + text).slice(-2000)));
    children.add(child);
    child.once('message', (message: ToParent) => {
      if (message.type !== 'hello') return;
      greeted.add(child);
      child.send({ type: 'start', files: [...allowed] } satisfies FromParent);
    });
    child.once('exit', (code, signal) => {
      const wasGreeted = greeted.has(child);
      children.delete(child);
      greeted.delete(child);
      if (closed) return;
      lastDeath = `local agent ${child.pid} ${signal === null ? `exited with code ${code}` : `was killed by ${signal}`}${stderr === '' ? '' : `: ${stderr.trim()}`}`;
      // An agent that died before it even said hello would die again: no replacement, no fork storm.
      if (wasGreeted) spawnAgent();
      else startFailure ??= lastDeath;
    });
  };
  for (let i = 0; i < options.count; i++) spawnAgent();

  return {
    async allow(key, file) {
      if (allowed.get(key) === file) return;
      allowed.set(key, file);
      await Promise.all([...greeted].map((child) => request(child, key, file)));
    },
    lastDeath: () => lastDeath,
    startFailure: () => startFailure,
    pids: () => [...children].flatMap((child) => (child.pid === undefined ? [] : [child.pid])),
    async close() {
      closed = true;
      await Promise.all(
        [...children].map(async (child) => {
          const exited = once(child, 'exit');
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
          await exited;
          clearTimeout(timer);
        }),
      );
    },
  };
}
