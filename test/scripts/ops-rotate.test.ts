/** `npm run ops -- rotate-…`: what the Meta secret looks like after a rotation. */
import { rotatedSecret } from '../../scripts/ops/rotate';

const NOW = new Date('2026-11-02T10:00:00Z');
const HOUR = 3_600_000;
const SECRET = { appSecret: 'a'.repeat(32), verifyToken: 'vt', stateSigningKey: 'k'.repeat(64) };

test('a state key rotation: a new key, the old one accepted until the grace ends', () => {
  const next = rotatedSecret(SECRET, { kind: 'state-key' }, NOW, HOUR / 2);
  expect(next).toEqual({
    appSecret: SECRET.appSecret,
    verifyToken: 'vt',
    stateSigningKey: expect.stringMatching(/^[A-Za-z0-9_-]{64}$/),
    previousStateSigningKey: SECRET.stateSigningKey,
    previousUntil: '2026-11-02T10:30:00.000Z',
  });
  expect(next.stateSigningKey).not.toBe(SECRET.stateSigningKey);
});

test('an app secret rotation keeps a state key grace that is still running, and the later end', () => {
  const midRotation = {
    ...SECRET,
    previousStateSigningKey: 'o'.repeat(64),
    previousUntil: '2026-11-02T12:00:00Z',
  };
  expect(rotatedSecret(midRotation, { kind: 'app-secret', appSecret: 'b'.repeat(32) }, NOW, HOUR)).toEqual({
    ...SECRET,
    appSecret: 'b'.repeat(32),
    previousAppSecret: SECRET.appSecret,
    previousStateSigningKey: 'o'.repeat(64),
    previousUntil: '2026-11-02T12:00:00.000Z',
  });
  // a grace that is over is dropped
  const over = { ...midRotation, previousUntil: '2026-11-02T09:00:00Z' };
  expect(
    rotatedSecret(over, { kind: 'app-secret', appSecret: 'b'.repeat(32) }, NOW, HOUR),
  ).not.toHaveProperty('previousStateSigningKey');
});

test('refuses a rotation that would lose or garble a value', () => {
  const app = (appSecret: string) => ({ kind: 'app-secret' as const, appSecret });
  expect(() => rotatedSecret({ ...SECRET, appSecret: '' }, app('b'.repeat(32)), NOW, HOUR)).toThrow(
    /no appSecret/,
  );
  expect(() => rotatedSecret(SECRET, app(SECRET.appSecret), NOW, HOUR)).toThrow(/is the current one/);
  expect(() => rotatedSecret(SECRET, app('two words here please'), NOW, HOUR)).toThrow(/does not look like/);
  const { stateSigningKey: _derived, ...withoutKey } = SECRET;
  expect(() => rotatedSecret(withoutKey, { kind: 'state-key' }, NOW, HOUR)).toThrow(/derived/);
});
