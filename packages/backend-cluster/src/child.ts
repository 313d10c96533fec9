import { serveMaps } from '@parabench/core/worker';

if (process.send === undefined) throw new Error('@parabench/backend-cluster: child.js must run as a forked process');
const send = process.send.bind(process);

// Node never kills children when the parent dies: leave as soon as the IPC channel closes.
process.on('disconnect', () => process.exit(0));

serveMaps(
  {
    post: (message) => void send(message),
    onMessage: (handler) => process.on('message', handler),
  },
  { backend: 'cluster' },
);
