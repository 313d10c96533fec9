import { deserialize } from 'node:v8';
import { pathToFileURL } from 'node:url';
import { ErrorCode, isParabenchError, messageOf, VersionSkewError } from '@parabench/core';
import { serializeError, type WorkerFailure } from '@parabench/core/pool';
import { encodeOutcome, PROTOCOL, type ChunkJob, type ChunkOutcome } from '../protocol.js';
import { encodeSlice } from '../payload.js';
import type { AllowList } from './allowed.js';

/** What running a chunk needs from the agent around it. */
export interface ChunkRunner {
  /** `host/pid`, for the errors the caller will show. */
  label: string;
  allow: AllowList;
  /** The map's context, or undefined when the map is over (its caller finished or gave up). */
  context(map: string): Promise<{ value: unknown } | undefined>;
  /** Maps items on the agent's thread pool, one map at a time. */
  run(workloadUrl: string, workloadName: string, items: unknown[], context: unknown, signal: AbortSignal): Promise<unknown[]>;
  /** Aborted when the caller cancels the map. */
  signal(map: string): AbortSignal;
}

/** Runs one chunk job to its encoded outcome, or to undefined when the map is over and nothing should be sent. */
export async function runChunk(job: ChunkJob, runner: ChunkRunner): Promise<Buffer | undefined> {
  const fail = (error: unknown, offset = job.from): Buffer =>
    encodeOutcome({ chunk: job.chunk, failure: failureOf(error, job, offset, runner.label), agent: runner.label });
  if (job.protocol !== PROTOCOL) {
    return fail(
      new VersionSkewError(
        `agent ${runner.label} speaks parabench protocol ${PROTOCOL}, the caller ${String(job.protocol)}; install the same version on every host`,
      ),
    );
  }
  let file: string;
  try {
    file = runner.allow.resolve(job.workload, runner.label);
  } catch (error) {
    return fail(error);
  }
  const context = await runner.context(job.map);
  const signal = runner.signal(job.map);
  if (context === undefined || signal.aborted) return undefined;
  const items = deserialize(Buffer.from(job.items, 'base64')) as unknown[];
  let results: unknown[];
  try {
    results = await runner.run(pathToFileURL(file).href, job.workloadName, items, context.value, signal);
  } catch (error) {
    return signal.aborted ? undefined : fail(error);
  }
  try {
    return encodeOutcome({ chunk: job.chunk, results } satisfies ChunkOutcome);
  } catch {
    try {
      encodeSlice(results, 0, results.length, 'a result', {});
    } catch (error) {
      return fail(error);
    }
    return fail(new Error('the results cannot be serialized'));
  }
}

/** A pool error as the caller will revive it: indices in the whole map's items, the agent named. */
function failureOf(error: unknown, job: ChunkJob, offset: number, agent: string): WorkerFailure {
  if (!isParabenchError(error)) {
    return { code: ErrorCode.BackendFailed, message: `agent ${agent} failed: ${messageOf(error)}`, workload: job.workloadName, cause: serializeError(error) };
  }
  const index = error.index === undefined ? undefined : error.index + offset;
  const message = withoutSite(error.message);
  const where = error.code === ErrorCode.WorkerExited || error.code === ErrorCode.OutOfMemory ? ` on agent ${agent}` : '';
  return {
    code: error.code,
    message: `${message}${where}`,
    workload: job.workloadName,
    index,
    cause: error.cause === undefined ? undefined : serializeError(error.cause),
  };
}

/** The agent's pool names itself and the chunk-relative item in its messages; the caller names its own. */
const withoutSite = (message: string): string => message.replace(/ \((backend|workload|item) [^)]*\)$/, '');
