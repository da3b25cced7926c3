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

/**
 * sfc32: small, fast, passes PractRand to 2^40 bytes; state is four 32-bit words. They live in an
 * Int32Array and are stepped in int32 arithmetic, which V8 keeps in registers: as number fields, a
 * word above 2^30 is a heap number, and a draw allocated (a simulated report took ~7 of them).
 * The words are the same bits as unsigned arithmetic gives, so every seed draws the same numbers.
 */
class Rng {
  private readonly state = new Int32Array(4);
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
    const s = this.state;
    s[0] = 0x9e3779b9;
    s[1] = 0x243f6a88;
    s[2] = 0xb7e15162 ^ high;
    s[3] = low;
    for (let i = 0; i < 15; i++) this.step();
  }

  /** One sfc32 step: the next word, as a signed int32. */
  private step(): number {
    const s = this.state;
    const a = s[0] as number;
    const b = s[1] as number;
    const c = s[2] as number;
    const d = s[3] as number;
    const t = (((a + b) | 0) + d) | 0;
    s[3] = (d + 1) | 0;
    s[0] = b ^ (b >>> 9);
    s[1] = (c + (c << 3)) | 0;
    s[2] = (((c << 21) | (c >>> 11)) + t) | 0;
    return t;
  }

  nextUint32(): number {
    return this.step() >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return (this.step() >>> 0) / 4294967296;
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
