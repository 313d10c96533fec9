import { afterAll, it } from 'vitest';
import { describeConformance } from '@parabench/core/conformance';
import { startTestRedis } from './redis-server.js';

const redis = await startTestRedis('the bullmq conformance tests');
if (redis === undefined) it.skip('bullmq conforms to the parabench contract (needs redis-server)', () => undefined);
else {
  process.env.PARABENCH_REDIS_URL = redis.url;
  afterAll(() => redis.stop());
  await describeConformance(new URL('../dist/index.js', import.meta.url));
}
