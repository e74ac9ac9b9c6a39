/**
 * A small seeded PRNG (mulberry32) so generated data sets are reproducible byte for byte.
 * Not cryptographic; 32 bits of state is plenty for test data and keeps each draw a few ns.
 */
/* eslint-disable no-bitwise -- mulberry32 and FNV-1a are defined by 32-bit shifts, XORs and ORs */

const UINT32 = 0x1_0000_0000;
const HEX_DIGITS = '0123456789abcdef';

/** FNV-1a over the string, so labelled sub-streams (`rng.fork('noise')`) get independent seeds. */
const hashString = (text: string, basis: number): number => {
  let hash = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x0100_0193) >>> 0;
  }
  return hash;
};

export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / UINT32;
  }

  /** Integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) {
      throw new RangeError('Random.pick: empty list');
    }
    return items[Math.floor(this.next() * items.length)] as T;
  }

  hex(length: number): string {
    return this.chars(length, HEX_DIGITS);
  }

  /** `length` characters drawn uniformly from `alphabet`. */
  chars(length: number, alphabet: string): string {
    let out = '';
    for (let i = 0; i < length; i++) {
      out += alphabet[Math.floor(this.next() * alphabet.length)];
    }
    return out;
  }

  /** A new independent stream derived from this one's seed and a label; does not advance this stream. */
  fork(label: string): Random {
    return new Random(hashString(label, this.state ^ 0x811c_9dc5));
  }
}

/** Picks an index by relative weight; `cumulative` must be ascending and end with the total. */
export const pickWeighted = (rng: Random, cumulative: readonly number[]): number => {
  const total = cumulative[cumulative.length - 1] ?? 0;
  const target = rng.next() * total;
  for (let i = 0; i < cumulative.length; i++) {
    if (target < (cumulative[i] ?? 0)) {
      return i;
    }
  }
  return cumulative.length - 1;
};

export const cumulativeWeights = (weights: readonly number[]): number[] => {
  let sum = 0;
  return weights.map((weight) => (sum += weight));
};
