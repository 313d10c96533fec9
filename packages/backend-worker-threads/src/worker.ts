import { parentPort } from 'node:worker_threads';
import { serveMaps } from '@parabench/core/worker';

if (parentPort === null) throw new Error('@parabench/backend-worker-threads: worker.js must run in a worker thread');
const port = parentPort;

serveMaps(
  {
    post: (message, transfer) => port.postMessage(message, transfer),
    onMessage: (handler) => port.on('message', handler),
  },
  { backend: 'worker-threads' },
);
