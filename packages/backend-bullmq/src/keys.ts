/** Every key parabench and BullMQ write starts with this, then the executor's queue name. */
export const PREFIX = 'parabench';
/** The set of live callers' queue names, which agents started without `--queue` serve. */
export const REGISTRY_KEY = `${PREFIX}:queues`;

/**
 * Every executor's queue name, whether it lives or not: a caller that starts removes the queues
 * whose lease ran out, because their callers died without closing them.
 */
export const CALLERS_KEY = `${PREFIX}:callers`;

/** The Redis keys and channel of one executor's queue, beside BullMQ's own. */
export function queueKeys(queue: string) {
  const base = `${PREFIX}:${queue}`;
  return {
    /** Set of agent ids that attached to this queue. */
    agents: `${base}:pb:agents`,
    /** One agent's heartbeat (JSON {@link AgentInfo}), expiring unless renewed. */
    agent: (id: string) => `${base}:pb:agent:${id}`,
    /** The caller's heartbeat: agents detach when it is gone. */
    caller: `${base}:pb:caller`,
    /** The caller's lease on the queue: once it has run out, the next caller removes the queue. */
    lease: `${base}:pb:lease`,
    /** Where the caller announces maps to cancel. */
    cancel: `${base}:pb:cancel`,
    /** A map's context: agents read it once per map; its absence means the map is over. */
    context: (map: string) => `${base}:pb:map:${map}:context`,
    /** A map's finished chunks, pushed by agents while the map lives. */
    done: (map: string) => `${base}:pb:map:${map}:done`,
    /** Matches everything of this queue, BullMQ's keys included. */
    everything: `${base}:*`,
  };
}

export type QueueKeys = ReturnType<typeof queueKeys>;

/** How long a heartbeat lives unless renewed, and how often it is renewed. */
export const HEARTBEAT_TTL_MS = 5000;
export const HEARTBEAT_EVERY_MS = 1000;
/**
 * How long an executor's queue outlives its caller's last heartbeat. Long, because a caller's
 * event loop may be busy for seconds between maps (the suite times the plain loop on it).
 */
export const LEASE_TTL_MS = 10 * 60_000;
/** A map's keys expire after this even when its caller dies without cleaning up. */
export const MAP_KEYS_TTL_S = 24 * 3600;
