import { InvalidOptionsError } from './errors.js';

/** A small deterministic PRNG, so that a workload's input is a pure function of its seed. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, maxExclusive). */
  int(min: number, maxExclusive: number): number;
}

/**
 * Mulberry32: 32 bits of state, fast, and good enough to make benchmark inputs.
 * Not for cryptography. Seeds are integers; two seeds equal modulo 2^32 give the same stream.
 */
export function createRandom(seed: number): Random {
  if (!Number.isSafeInteger(seed)) throw new InvalidOptionsError(`seed must be a safe integer, got ${String(seed)}`);
  let state = Number(BigInt.asUintN(32, BigInt(seed)));
  const nextUint32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return (z ^ (z >>> 14)) >>> 0;
  };
  const next = (): number => nextUint32() / 2 ** 32;
  return {
    next,
    int(min, maxExclusive) {
      if (!(Number.isInteger(min) && Number.isInteger(maxExclusive) && maxExclusive > min)) {
        throw new InvalidOptionsError(`int(min, maxExclusive) needs integers with min < maxExclusive, got ${min}, ${maxExclusive}`);
      }
      return min + Math.floor(next() * (maxExclusive - min));
    },
  };
}
