/**
 * Tasks in flight on a library pool that does not reject them when their worker dies
 * (threads.js, and tinypool on a plain exit): the transport watches its workers' `exit`
 * and fails everything in flight, then replaces the pool in `recover()`.
 */
export interface InFlight {
  /** Settles with `task`, or rejects with the error given to `failAll`, whichever comes first. */
  track<T>(task: PromiseLike<T>): Promise<T>;
  failAll(error: Error): void;
}

export function createInFlight(): InFlight {
  const rejects = new Set<(error: Error) => void>();
  return {
    track<T>(task: PromiseLike<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        rejects.add(reject);
        task.then(
          (value) => (rejects.delete(reject), resolve(value)),
          (error: unknown) => (rejects.delete(reject), reject(error)),
        );
      });
    },
    failAll(error) {
      for (const reject of [...rejects]) reject(error);
      rejects.clear();
    },
  };
}
