import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null | undefined;

/**
 * A full garbage collection of the main thread's heap, or nothing where none can be had. Without
 * `--expose-gc`, V8 still hands a `gc` to contexts made after the flag is set; the suite's own
 * context keeps none, so nothing else in the process sees a global `gc` appear.
 */
export function collectMainThread(): void {
  if (collect === undefined) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    try {
      if (exposed === undefined) setFlagsFromString('--expose-gc');
      collect = exposed ?? (runInNewContext('gc') as () => void);
    } catch {
      collect = null;
    }
  }
  collect?.();
}
