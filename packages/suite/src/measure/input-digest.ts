import { createHash } from 'node:crypto';
import { serialize } from 'node:v8';
import type { GeneratedInput } from '@parabench/core';

/**
 * A short digest of a generated input (items and context, as structured clone sees them): two
 * runs measured the same thing only if theirs match. Undefined for an input that cannot be cloned.
 */
export function digestOf(input: GeneratedInput<unknown, unknown>): string | undefined {
  try {
    return createHash('sha256')
      .update(serialize([input.items, input.context]))
      .digest('hex')
      .slice(0, 16);
  } catch {
    return undefined;
  }
}
