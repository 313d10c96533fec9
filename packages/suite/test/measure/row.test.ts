import { ErrorCode, ParabenchError } from '@parabench/core';
import { describe, expect, it } from 'vitest';
import { failedRow } from '../../src/measure/row.js';
import type { Combination } from '../../src/measure/plan.js';

const combination = {
  backend: { name: 'threads', start: async () => ({ map: async () => [], close: async () => {} }) },
  workers: 2,
  chunkSize: 'auto',
} as unknown as Combination;

describe('a failed row', () => {
  it('keeps a parabench code as it is', () => {
    const row = failedRow('sum-range', combination, new ParabenchError(ErrorCode.ItemFailed, 'item 3 threw'));
    expect(row.error).toEqual({ code: 'PARABENCH_ITEM_FAILED', message: 'item 3 threw' });
    expect(row.stopped).toBe('failed');
  });

  it("carries a stable code when the error's own code is not ours, and keeps that code in its message", () => {
    const error = Object.assign(new Error("Cannot find module 'tiny-worker'"), { code: 'MODULE_NOT_FOUND' });
    expect(failedRow('sum-range', combination, error).error).toEqual({
      code: 'PARABENCH_BACKEND_FAILED',
      message: "Cannot find module 'tiny-worker' (MODULE_NOT_FOUND)",
    });
  });

  it('gives an error without a code the backend-failed code', () => {
    expect(failedRow('sum-range', combination, new TypeError('boom')).error?.code).toBe('PARABENCH_BACKEND_FAILED');
  });
});
