/** Whether structured clone (what threads use, and close to what 'advanced' IPC uses) can copy the value. */
export function isCloneable(value: unknown): boolean {
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
}
