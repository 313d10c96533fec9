import { InvalidModuleError } from './errors.js';

/** One field a module's default export must (or may) have, and what it must be. */
export interface FieldRule {
  field: string;
  /** What the field must be, as the message says it: "a function", "a non-empty string". */
  wanted: string;
  fits(value: unknown): boolean;
  /** May be absent; when present it must fit. */
  optional?: boolean;
}

/**
 * Every problem with a module's default export at once, each naming its field, so that one
 * run says all there is to fix; empty when the export fits.
 */
export function fieldProblems(value: unknown, rules: readonly FieldRule[]): string[] {
  const candidate = value as Record<string, unknown>;
  return rules.flatMap(({ field, wanted, fits, optional }) => {
    const present = candidate[field];
    if (optional === true) return present === undefined || fits(present) ? [] : [`field "${field}" must be ${wanted}`];
    return fits(present) ? [] : [`field "${field}" is missing (${wanted})`];
  });
}

/**
 * Throws `PARABENCH_INVALID_MODULE` for `specifier` naming every problem of a default export that
 * should be a `kind` (a workload, a backend): `notObject` when it is not an object at all.
 */
export function checkShape(value: unknown, rules: readonly FieldRule[], kind: string, notObject: string, specifier: string): void {
  const problems = typeof value === 'object' && value !== null ? fieldProblems(value, rules) : [notObject];
  if (problems.length > 0) throw new InvalidModuleError(specifier, `not a ${kind}: ${problems.join('; ')}`);
}

export const isFunction = (value: unknown): boolean => typeof value === 'function';
export const isString = (value: unknown): boolean => typeof value === 'string';
export const isNonEmptyString = (value: unknown): boolean => typeof value === 'string' && value !== '';
export const isObject = (value: unknown): boolean => typeof value === 'object' && value !== null;
