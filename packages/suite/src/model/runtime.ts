import type { RuntimeKind } from '@parabench/core';

export type { RuntimeKind };

/** A runtime a run measures in: what `--runtimes` named, the binary it found, and what that binary says it is. */
export interface RuntimeInfo {
  /** As `--runtimes` named it: `node`, `node@22`, `bun`, `deno`, or a path. */
  name: string;
  kind: RuntimeKind;
  /** Its version, as it reports it (`22.23.5`). */
  version: string;
  /** The executable forks are started with. */
  binary: string;
}
