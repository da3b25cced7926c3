// One seeded PRNG for a whole run. Every component draws from its own stream forked by name, so adding
// draws in one simulator does not shift the numbers another simulator sees.

import { KvitteringError } from '../errors.js';

/** 32-bit FNV-1a, used to mix a stream name into a seed. */
function hashString(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** sfc32: small, fast, passes PractRand to 2^40 bytes; state is four 32-bit words. */
class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  /** The seed exactly as given (any safe integer), so a report can print what was replayed. */
  readonly seed: number;
  /** The seed folded to one 32-bit word: equal to the seed for 0 ≤ seed < 2^32, so those runs keep their numbers. */
  private readonly seedWord: number;

  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) {
      throw new KvitteringError('E_SEED', `seed is ${seed} — expected an integer from ${Number.MIN_SAFE_INTEGER} to ${Number.MAX_SAFE_INTEGER}`);
    }
    this.seed = seed;
    // The high bits (and the sign) go into the state too: seed 2^32 + 1 must not replay seed 1.
    const low = seed >>> 0;
    const high = Math.floor(seed / 4294967296) >>> 0;
    this.seedWord = high === 0 ? low : hashString(String(high), low);
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = (0xb7e15162 ^ high) >>> 0;
    this.d = low;
    for (let i = 0; i < 15; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with the given probability in percent (0–100). */
  chancePct(pct: number): boolean {
    if (pct <= 0) return false;
    if (pct >= 100) return true;
    return this.next() * 100 < pct;
  }

  /** Exponentially distributed with the given mean; the inter-arrival time of a Poisson process. */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new KvitteringError('E_RNG_PICK', 'cannot pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** An independent stream for a named component, derived from this stream's seed (not its position). */
  fork(name: string): Rng {
    return new Rng(hashString(name, this.seedWord));
  }
}

export { Rng, hashString };
