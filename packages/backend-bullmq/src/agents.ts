import type { Redis } from 'ioredis';
import { StartTimeoutError, VersionSkewError, WorkerExitedError } from '@parabench/core';
import type { QueueKeys } from './keys.js';
import { agentLabel, PROTOCOL, type AgentInfo } from './protocol.js';

/** Agents whose heartbeat is current; the set forgets the others. */
export async function liveAgents(client: Redis, keys: QueueKeys): Promise<AgentInfo[]> {
  const ids = await client.smembers(keys.agents);
  if (ids.length === 0) return [];
  const beats = await client.mget(ids.map((id) => keys.agent(id)));
  const gone = ids.filter((_, i) => beats[i] === null);
  if (gone.length > 0) await client.srem(keys.agents, ...gone);
  return beats.flatMap((beat) => (beat === null ? [] : [JSON.parse(beat) as AgentInfo]));
}

/**
 * Waits, for at most `timeoutMs`, until no agent serves the queue: each leaves within a discovery
 * tick of the caller's heartbeat going, and a dead one's heartbeat runs out. Until then its
 * BullMQ worker's stalled-job check may write the queue's `meta` key again after it was deleted.
 */
export async function agentsGone(client: Redis, keys: QueueKeys, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await liveAgents(client, keys)).length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
}

/** Refuses an agent that speaks another version of parabench's protocol, naming its host. */
export function checkProtocol(agents: readonly AgentInfo[], site: { backend: string }): void {
  const other = agents.find((agent) => agent.protocol !== PROTOCOL);
  if (other !== undefined) {
    throw new VersionSkewError(
      `agent ${agentLabel(other)} speaks parabench protocol ${other.protocol}, this caller ${PROTOCOL}; install the same version on every host`,
      site,
    );
  }
}

export interface WaitOptions {
  count: number;
  timeoutMs: number;
  site: { backend: string };
  /** Said in the timeout's message: what to do about the missing agents. */
  hint: () => string;
  /** Why waiting is pointless (an agent died before it was ready), or undefined. */
  failure?: (() => string | undefined) | undefined;
}

/** Waits until `count` agents are live; fails with `PARABENCH_START_TIMEOUT` after `timeoutMs`, or at once when `failure` says so. */
export async function waitForAgents(client: Redis, keys: QueueKeys, options: WaitOptions): Promise<AgentInfo[]> {
  const deadline = Date.now() + options.timeoutMs;
  let agents: AgentInfo[] = [];
  for (;;) {
    agents = await liveAgents(client, keys).catch(() => agents);
    checkProtocol(agents, options.site);
    const failure = options.failure?.();
    if (failure !== undefined) throw new WorkerExitedError(`${failure} before it was ready`, options.site);
    if (agents.length >= options.count) return agents;
    if (Date.now() > deadline) {
      const seen = agents.map(agentLabel).join(', ') || 'none';
      throw new StartTimeoutError(
        `${options.count} agent(s) were expected within ${Math.round(options.timeoutMs / 1000)} s, ${agents.length} came (${seen}); ${options.hint()}`,
        options.site,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
