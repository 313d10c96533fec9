import { beforeAll, it } from 'vitest';
import { describeConformance } from '@parabench/core/conformance';
import { useTestRedis } from './redis-server.js';

const redis = await useTestRedis('the bullmq conformance tests');
if (redis === undefined) it.skip('bullmq conforms to the parabench contract (needs redis-server)', () => undefined);
else {
  beforeAll(() => {
    process.env.PARABENCH_REDIS_URL = redis.url;
  });
  await describeConformance(new URL('../dist/index.js', import.meta.url));
}
