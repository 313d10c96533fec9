import { deserialize, serialize } from 'node:v8';
import type { WorkerFailure } from '@parabench/core/pool';

/**
 * The version of what caller and agents say to each other through Redis; an agent that speaks
 * another refuses the job, and a caller refuses such an agent, naming its host.
 */
export const PROTOCOL = 1;

/**
 * Names a workload module the same way on every host: a path inside an installed package, or a
 * file name the agent finds in a folder its operator allowed. The digest (SHA-256 of the
 * module file) catches a host whose copy differs.
 */
export interface WorkloadRef {
  package?: string | undefined;
  path: string;
  digest: string;
}

/** One BullMQ job: a chunk of one map. Items are v8-serialized, in base64, because BullMQ stores JSON. */
export interface ChunkJob {
  protocol: number;
  map: string;
  chunk: number;
  /** Index of the chunk's first item in the map's items. */
  from: number;
  workload: WorkloadRef;
  /** The workload's name, for the errors an agent reports. */
  workloadName: string;
  items: string;
}

/** What an agent says about itself in its heartbeat. */
export interface AgentInfo {
  id: string;
  host: string;
  pid: number;
  threads: number;
  protocol: number;
}

/** What an agent pushes for a finished chunk: its results, or why it failed. */
export type ChunkOutcome = { chunk: number; results: unknown[] } | { chunk: number; failure: WorkerFailure; agent: string };

export const encodeOutcome = (outcome: ChunkOutcome): Buffer => serialize(outcome);
export const decodeOutcome = (bytes: Buffer): ChunkOutcome => deserialize(bytes) as ChunkOutcome;

/** `agent-host/pid`, the way errors name an agent. */
export const agentLabel = (info: Pick<AgentInfo, 'host' | 'pid'>): string => `${info.host}/${info.pid}`;

/**
 * Pushes a chunk's outcome only while its map lives (its context key exists), in one step, so
 * that a late or repeated chunk never recreates a finished map's keys; the list expires like the
 * context (ARGV[2], seconds) if its caller never collects it.
 */
export const PUSH_IF_LIVE = {
  numberOfKeys: 2,
  lua: "if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end local n = redis.call('RPUSH', KEYS[2], ARGV[1]) redis.call('EXPIRE', KEYS[2], ARGV[2]) return n",
};
