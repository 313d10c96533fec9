/** Exit statuses for the signals the CLI ends on, as shells expect: 128 + the signal's number. */
export const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

let stopping: () => void = () => undefined;

/**
 * Ctrl-C or a kill ends the run at once with 128 + the signal, after `stopping` has ended the
 * fork that is measuring (and everything it started). Installed before any backend is loaded:
 * some (threads.js) add handlers of their own that exit with 0. The reports on disk are whole:
 * they were last written after the last finished workload.
 */
export function exitOnSignals(): void {
  for (const [signal, code] of Object.entries(SIGNAL_EXIT)) {
    process.on(signal, () => {
      process.stderr.write(`\nparabench: interrupted by ${signal}\n`);
      try {
        stopping();
      } finally {
        process.exit(code);
      }
    });
  }
}

/** What to end before exiting on a signal: the fork running now. */
export function stopOnSignals(stop: () => void): void {
  stopping = stop;
}
