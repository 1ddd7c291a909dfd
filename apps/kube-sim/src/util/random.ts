/**
 * A small seeded pseudo-random source (mulberry32 over a cyrb53-style string hash), so the same
 * seed yields the same generated cluster and the same fault draws on every run and platform.
 */
export interface Random {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** True with probability `p` (0..1). */
  chance(p: number): boolean;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** `length` characters of [a-z0-9] minus vowels-lookalikes, like Kubernetes' generateName suffixes. */
  suffix(length: number): string;
  /** Lowercase hex string of `length` characters. */
  hex(length: number): string;
  /** An RFC 4122 version-4 shaped UUID drawn from this source. */
  uuid(): string;
  /** A new independent source derived from this one and `label`. */
  fork(label: string): Random;
}

/** Alphabet of apimachinery's rand.String (no vowels, no 0/1/3 lookalikes). */
const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

function hashSeed(seed: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < seed.length; i++) {
    const ch = seed.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  return h1 >>> 0;
}

/** Creates a deterministic random source from a number or string seed. */
export function createRandom(seed: number | string): Random {
  let state = hashSeed(String(seed));
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const hex = (length: number): string => {
    let out = '';
    for (let i = 0; i < length; i++) out += '0123456789abcdef'[int(0, 15)];
    return out;
  };
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (items) => items[int(0, items.length - 1)],
    suffix: (length) => {
      let out = '';
      for (let i = 0; i < length; i++) out += SUFFIX_ALPHABET[int(0, SUFFIX_ALPHABET.length - 1)];
      return out;
    },
    hex,
    uuid: () => {
      const h = hex(32);
      const variant = '89ab'[int(0, 3)];
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
    fork: (label) => createRandom(`${seed}/${label}`),
  };
}

/** A 32-bit hash of `text` (the seed hash), for order-independent choices such as rendezvous placement. */
export function hash32(text: string): number {
  return hashSeed(text);
}
