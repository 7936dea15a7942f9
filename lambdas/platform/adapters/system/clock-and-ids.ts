import { randomBytes } from 'node:crypto';
import type { Clock, IdGenerator } from '../../core/ports';

export const systemClock: Clock = { now: () => new Date() };

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** ULID-like ids: 10 chars of time then 16 of randomness, so ids sort by creation time. */
export function timeOrderedIds(clock: Clock = systemClock): IdGenerator {
  return {
    next(prefix?: string) {
      let t = clock.now().getTime();
      let time = '';
      for (let i = 0; i < 10; i++) {
        time = ALPHABET[t % 32] + time;
        t = Math.floor(t / 32);
      }
      const rnd = randomBytes(16);
      let rand = '';
      for (let i = 0; i < 16; i++) rand += ALPHABET[(rnd[i] ?? 0) % 32];
      return prefix ? `${prefix}_${time}${rand}` : `${time}${rand}`;
    },
  };
}
