/** Envelope encryption of message text: one wrapped data key per tenant, AES-GCM per field. */
import { EnvelopeCipher, DATA_KEY_CONTEXT } from '../../../lambdas/modules/inbox/core/field-cipher';
import type { DataKeyStore, WrappedDataKey } from '../../../lambdas/modules/inbox/ports';
import { FakeVault } from '../../support/fake-vault';

function setup() {
  const keys = new Map<string, WrappedDataKey>();
  let vaultCalls = 0;
  const vault = new FakeVault();
  const counting = {
    encrypt: (p: string, c: { tenantId: string; connectionId: string }) => (
      vaultCalls++,
      vault.encrypt(p, c)
    ),
    decrypt: (p: string, c: { tenantId: string; connectionId: string }) => (
      vaultCalls++,
      vault.decrypt(p, c)
    ),
  };
  const store: DataKeyStore = {
    get: async (t) => keys.get(t),
    putIfAbsent: async (t, k) => {
      if (!keys.has(t)) keys.set(t, k);
      return keys.get(t)!;
    },
  };
  const clock = { now: () => new Date('2026-05-10T12:00:00Z') };
  return { keys, store, vault: counting, clock, calls: () => vaultCalls };
}

describe('field encryption', () => {
  it('round-trips, and a ciphertext moved to another field or tenant does not open', async () => {
    const s = setup();
    const cipher = new EnvelopeCipher({ vault: s.vault, keys: s.store, clock: s.clock });
    const sealed = await cipher.encrypt('t1', 'hello there', 'msg_1:text');
    expect(sealed).not.toContain('hello');
    expect(await cipher.decrypt('t1', sealed, 'msg_1:text')).toBe('hello there');
    await expect(cipher.decrypt('t1', sealed, 'msg_2:text')).rejects.toThrow('does not open');
    await cipher.encrypt('t2', 'x', 'a');
    await expect(cipher.decrypt('t2', sealed, 'msg_1:text')).rejects.toThrow();
  });

  it('the data key is stored only wrapped by the vault, under the tenant’s context, and unwrapped once', async () => {
    const s = setup();
    const cipher = new EnvelopeCipher({ vault: s.vault, keys: s.store, clock: s.clock });
    for (let i = 0; i < 20; i++) await cipher.encrypt('t1', `m${i}`, `msg_${i}:text`);
    expect(s.calls()).toBe(1);
    const wrapped = s.keys.get('t1')!.wrapped;
    await expect(
      s.vault.decrypt(wrapped, { tenantId: 't2', connectionId: DATA_KEY_CONTEXT }),
    ).rejects.toThrow();
    // a second process (cold cache) reads the same key
    const other = new EnvelopeCipher({ vault: s.vault, keys: s.store, clock: s.clock });
    expect(await other.decrypt('t1', await cipher.encrypt('t1', 'shared', 'f'), 'f')).toBe('shared');
  });

  it('two processes creating a tenant’s first key at once end with one key', async () => {
    const s = setup();
    const a = new EnvelopeCipher({ vault: s.vault, keys: s.store, clock: s.clock });
    const b = new EnvelopeCipher({ vault: s.vault, keys: s.store, clock: s.clock });
    const [x, y] = await Promise.all([a.encrypt('t1', 'from a', 'f'), b.encrypt('t1', 'from b', 'f')]);
    expect(await b.decrypt('t1', x, 'f')).toBe('from a');
    expect(await a.decrypt('t1', y, 'f')).toBe('from b');
  });
});
