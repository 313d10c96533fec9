import { describe, expect, it } from 'vitest';
import { mapItems } from '@parabench/core';
import ioWait from '../src/workloads/io-wait.js';
import jsonTasks, { record, roundTrips } from '../src/workloads/json-tasks.js';
import tinyTasks from '../src/workloads/tiny-tasks.js';
import transfer from '../src/workloads/transfer.js';

describe('tiny-tasks', () => {
  it('has a million items at default size and maps each to a 32-bit hash', async () => {
    expect(tinyTasks.generate({ size: 'default', seed: 1 }).items).toHaveLength(1_000_000);
    const { items, context } = tinyTasks.generate({ size: 'quick', seed: 1 });
    const hashes = (await mapItems(tinyTasks, items, context, { backend: 'test' })) as number[];
    expect(hashes.every((h) => Number.isInteger(h) && h >= 0 && h < 2 ** 32)).toBe(true);
    expect(new Set(hashes).size).toBe(items.length);
    // The reduction is an unsigned XOR: 1 ^ 2 ^ 4 is 7, and a high bit stays positive.
    expect(tinyTasks.reduce?.([1, 2, 4], [0, 1, 2])).toBe(7);
    expect(tinyTasks.reduce?.([0x80000000, 1], [0, 1])).toBe(2_147_483_649);
    expect(tinyTasks.reduce?.([5, 5], [0, 1])).toBe(0);
  });
});

describe('json-tasks', () => {
  it('has 10,000 one-number items at default size, and counts the characters of every round trip', () => {
    expect(jsonTasks.generate({ size: 'default', seed: 1 }).items).toHaveLength(10_000);
    const once = JSON.stringify(record(7)).length;
    expect(roundTrips(7, 1)).toBe(once);
    // Each trip bumps the id before the next, so the count depends on the trips actually made.
    expect(roundTrips(9, 2)).toBe(JSON.stringify(record(9)).length + JSON.stringify({ ...record(9), id: 10 }).length);
    expect(jsonTasks.map(7, null)).toBe(roundTrips(7));
    expect(jsonTasks.map(7, null)).toBeGreaterThan(30 * once);
  });
});

describe('io-wait', () => {
  it('waits for each item and returns twice its id', async () => {
    const { items, context } = ioWait.generate({ size: 'quick', seed: 1 });
    expect(items.every((item) => item.waitMs > 0)).toBe(true);
    const pending = ioWait.map(items[3]!, context);
    expect(pending).toBeInstanceOf(Promise);
    await expect(pending).resolves.toBe(6);
  });

  it('overlaps its waits when mapped concurrently', async () => {
    const { items, context } = ioWait.generate({ size: 'quick', seed: 1 });
    let settled = 0;
    const all = items.map((item) => Promise.resolve(ioWait.map(item, context)).then(() => settled++));
    // Nothing has settled synchronously: every item is waiting at the same time.
    expect(settled).toBe(0);
    await Promise.all(all);
    expect(settled).toBe(items.length);
  });
});

describe('transfer', () => {
  it('makes 64 arrays of 1 MiB at default size, the same for the same seed', () => {
    const { items } = transfer.generate({ size: 'default', seed: 3 });
    expect(items).toHaveLength(64);
    expect(items.every((a) => a instanceof Float64Array && a.byteLength === 2 ** 20)).toBe(true);
    expect(transfer.generate({ size: 'quick', seed: 3 }).items[0]).toEqual(transfer.generate({ size: 'quick', seed: 3 }).items[0]);
  });

  it('returns a new scaled array and leaves its input alone', () => {
    const input = new Float64Array([2, -4, 0]);
    const output = transfer.map(input, null) as Float64Array;
    expect([...output]).toEqual([2, -1, 1]);
    expect([...input]).toEqual([2, -4, 0]);
    expect(output.buffer).not.toBe(input.buffer);
  });
});
