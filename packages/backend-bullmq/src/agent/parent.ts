/** What a caller on this machine says to the agents it started, over their IPC channel. */
export type FromParent = { type: 'start'; files: Array<[string, string]> } | { type: 'allow'; id: number; key: string; file: string };
export type ToParent = { type: 'hello' } | { type: 'allowed'; id: number };

/**
 * For an agent a caller started (with an IPC channel): the caller allows its workload files by
 * message, not through the queue, and the agent dies with it. Resolves, once the caller has sent
 * the files allowed so far, to the live map of allowed files; later ones are added as they come.
 * Resolves to undefined for an agent started by hand.
 */
export function connectToParent(): Promise<Map<string, string> | undefined> {
  const send = process.send?.bind(process);
  if (send === undefined) return Promise.resolve(undefined);
  const files = new Map<string, string>();
  // A dead or vanished caller: nothing is left to serve, and the pool's threads end with the process.
  process.on('disconnect', () => process.exit(0));
  return new Promise((resolve) => {
    process.on('message', (message: FromParent) => {
      if (message?.type === 'start') {
        for (const [key, file] of message.files) files.set(key, file);
        resolve(files);
      } else if (message?.type === 'allow') {
        files.set(message.key, message.file);
        send({ type: 'allowed', id: message.id } satisfies ToParent);
      }
    });
    send({ type: 'hello' } satisfies ToParent);
  });
}
