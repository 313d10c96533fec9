import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { failFastOptions } from './config.js';
import { CALLERS_KEY, PREFIX, queueKeys, REGISTRY_KEY } from './keys.js';
import { bestEffort } from './redis-wait.js';

/**
 * Removes the queues of callers that died without closing them (killed, or their machine lost):
 * every job and key, once the queue's lease has run out. A caller runs this as it starts.
 */
export async function sweepAbandoned(client: Redis, redisUrl: string): Promise<string[]> {
  const swept: string[] = [];
  for (const queue of await client.smembers(CALLERS_KEY)) {
    const keys = queueKeys(queue);
    if ((await client.exists(keys.lease)) === 1) continue;
    const abandoned = new Queue(queue, { connection: failFastOptions(redisUrl), prefix: PREFIX });
    abandoned.on('error', () => undefined);
    await bestEffort(abandoned.obliterate({ force: true }), 5000);
    await bestEffort(abandoned.close());
    await deleteMatching(client, keys.everything);
    await client.multi().srem(CALLERS_KEY, queue).srem(REGISTRY_KEY, queue).exec();
    swept.push(queue);
  }
  return swept;
}

/** Deletes every key matching `pattern`, a batch at a time. */
export async function deleteMatching(client: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, found] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    if (found.length > 0) await client.del(...found);
    cursor = next;
  } while (cursor !== '0');
}
