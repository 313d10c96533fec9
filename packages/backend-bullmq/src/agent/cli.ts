#!/usr/bin/env node
import { Command, InvalidArgumentError } from 'commander';
import { messageOf } from '@parabench/core';
import { REDIS_URL_ENV } from '../config.js';
import { startAgent, type Agent } from './index.js';
import { connectToParent } from './parent.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];
const positiveInt = (value: string): number => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('expected a positive integer');
  return parsed;
};

const program = new Command('parabench-agent')
  .description('Takes parabench chunk jobs from Redis (BullMQ) and runs them on a local thread pool.')
  .option('--redis <url>', `Redis URL, password included (default: $${REDIS_URL_ENV})`)
  .option('--threads <n>', 'threads of the local pool (default: the cores Node sees)', positiveInt)
  .option('--package <name>', 'an installed package whose workload modules may run here (repeatable; default: @parabench/workloads)', collect, [])
  .option('--dir <folder>', 'a folder whose workload module files may run here, by file name (repeatable)', collect, [])
  .option('--name <host>', 'how errors name this host (default: its hostname)')
  .option('--queue <name>', "serve only this queue (default: every live caller's)")
  .option('--lock-ms <ms>', "BullMQ job lock: a dead agent's chunks are redone within about 1.5x this", positiveInt, 10_000)
  .option('--max-memory <mib>', 'heap limit of each pool thread, in MiB', positiveInt)
  .option('--quiet', 'print nothing but errors')
  .showHelpAfterError();

async function main(): Promise<void> {
  program.parse();
  const options = program.opts<{
    redis?: string;
    threads?: number;
    package: string[];
    dir: string[];
    name?: string;
    queue?: string;
    lockMs: number;
    maxMemory?: number;
    quiet?: boolean;
  }>();
  const redisUrl = options.redis ?? process.env[REDIS_URL_ENV];
  if (redisUrl === undefined || redisUrl === '') return program.error(`parabench-agent: give --redis or set ${REDIS_URL_ENV}`, { exitCode: 2 });
  const log = options.quiet === true ? () => undefined : (line: string) => process.stdout.write(`parabench-agent: ${line}\n`);
  const files = await connectToParent();
  const agent: Agent = await startAgent({
    files,
    redisUrl,
    threads: options.threads,
    name: options.name,
    queue: options.queue,
    packages: options.package.length === 0 ? undefined : options.package,
    dirs: options.dir,
    lockMs: options.lockMs,
    maxMemoryMb: options.maxMemory,
    log,
  });
  log(`${agent.info.id} on ${agent.info.host} (pid ${agent.info.pid}): ${agent.info.threads} thread(s), ready`);
  const stop = (): void => {
    void agent.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`parabench-agent: ${messageOf(error)}\n`);
  process.exit(1);
});
