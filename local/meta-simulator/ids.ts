/**
 * Seeded randomness for everything the simulator invents (ids, tokens, codes, trace ids, fault rates), so
 * a test that fixes the seed sees the same ids on every run.
 */
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export class IdSource {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** mulberry32: tiny, fast and good enough for look-alike ids */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }

  /** a numeric id of `length` digits starting with `prefix` (no leading zero) */
  digits(length: number, prefix = ''): string {
    let out = prefix;
    if (out.length === 0) out += String(1 + this.int(9));
    while (out.length < length) out += String(this.int(10));
    return out;
  }

  alnum(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += ALNUM[this.int(ALNUM.length)];
    return out;
  }

  /** Meta's tokens are opaque ~200-character strings starting with EAA */
  accessToken(): string {
    return `EAA${this.alnum(4)}ZC${this.alnum(150)}`;
  }

  /** fbtrace_id: an opaque short trace id such as "AbC1d2EfG3h" */
  fbtraceId(): string {
    return `A${this.alnum(22)}`;
  }
}

export function randomSeed(): number {
  return Math.floor(Math.random() * 0xffffffff);
}
