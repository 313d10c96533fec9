import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defineBackend, defineWorkload, loadBackend, loadWorkload, validateWorkers } from '../src/index.js';

const moduleDir = mkdtempSync(join(tmpdir(), 'parabench-contracts-'));
const writeModule = (name: string, source: string): string => {
  const file = join(moduleDir, name);
  writeFileSync(file, source);
  return pathToFileURL(file).href;
};

describe('defineWorkload', () => {
  it('returns a valid workload unchanged', () => {
    const workload = { name: 'w', description: 'd', generate: () => ({ items: [], context: null }), map: () => 1 };
    expect(defineWorkload(workload)).toBe(workload);
  });

  it('names the missing field', () => {
    const noMap = { name: 'w', description: 'd', generate: () => ({ items: [], context: null }) };
    expect(() => defineWorkload(noMap as never)).toThrow(/field "map" is missing/);
    expect(() => defineWorkload({ ...noMap, map: () => 1, name: '' })).toThrow(/field "name" is missing/);
  });

  it('names every missing field at once', () => {
    expect(() => defineWorkload({ name: 'w', reduce: 3 } as never)).toThrow(
      'not a workload: field "description" is missing (a string); field "generate" is missing (a function); field "map" is missing (a function); field "reduce" must be a function',
    );
  });
});

describe('defineBackend', () => {
  it('names the missing field with a stable code', () => {
    expect(() => defineBackend({ name: 'b', description: 'd' } as never)).toThrow(
      expect.objectContaining({ code: 'PARABENCH_INVALID_MODULE', message: expect.stringMatching(/field "start" is missing/) }),
    );
  });

  it('names every problem at once, not only the first', () => {
    expect(() => defineBackend({ name: 'x' } as never)).toThrow(
      'x: not a backend: field "description" is missing (a string); field "start" is missing (a function returning a Promise of an executor)',
    );
    expect(() => defineBackend({ name: '', description: 'd', start: async () => undefined, supports: 'all', needs: 'redis' } as never)).toThrow(
      /field "name" is missing \(a non-empty string\); field "supports" must be an object of boolean flags; field "needs" must be a function/,
    );
  });
});

describe('loadWorkload and loadBackend', () => {
  it('loads a module written against the contract', async () => {
    const url = writeModule(
      'ok-workload.mjs',
      `export default { name: 'ok', description: 'd', generate: () => ({ items: [1], context: null }), map: (x) => x * 2 };`,
    );
    const workload = await loadWorkload(url);
    expect(workload.name).toBe('ok');
    expect(await loadWorkload(url)).toBe(workload);
  });

  it('says when there is no default export', async () => {
    const url = writeModule('no-default.mjs', 'export const map = () => 1;');
    await expect(loadWorkload(url)).rejects.toMatchObject({ code: 'PARABENCH_INVALID_MODULE', message: expect.stringMatching(/no default export/) });
  });

  it('says which field a backend module lacks', async () => {
    const url = writeModule('bad-backend.mjs', `export default { name: 'bad', start: async () => ({}) };`);
    await expect(loadBackend(url)).rejects.toThrow(/field "description" is missing/);
  });

  it('wraps an import failure with the specifier and the cause', async () => {
    const url = pathToFileURL(join(moduleDir, 'missing.mjs')).href;
    const error = await loadWorkload(url).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PARABENCH_INVALID_MODULE', message: expect.stringContaining('missing.mjs') });
    expect((error as Error).cause).toBeInstanceOf(Error);
  });
});

describe('validateWorkers', () => {
  it.each([0, -1, 1.5, Number.NaN, '2'])('rejects %s', (value) => {
    expect(() => validateWorkers(value)).toThrow(expect.objectContaining({ code: 'PARABENCH_INVALID_OPTIONS' }));
  });

  it('accepts positive integers', () => {
    expect(validateWorkers(3)).toBe(3);
  });
});
