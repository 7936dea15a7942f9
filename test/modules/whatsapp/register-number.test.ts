import { deregisterNumber, registerNumber } from '../../../lambdas/modules/whatsapp/core/register-number';
import { NUMBER, OTHER, TENANT, WABA, whatsappFakes } from './fakes';

describe('registering a number', () => {
  it('sends the PIN to Meta with the connection token, stores the registration without it, audits it', async () => {
    const f = whatsappFakes();
    const out = await registerNumber(f.deps, TENANT, NUMBER, '482913', 'user:ana');
    expect(out).toEqual({
      phoneNumberId: NUMBER,
      wabaId: WABA,
      registered: true,
      at: '2026-12-05T09:00:00.000Z',
    });
    expect(f.graph.calls).toEqual([
      { op: 'registerNumber', id: NUMBER, token: `token(${TENANT}/con_1)`, args: { pin: '482913' } },
    ]);
    expect(f.store.registrations.get(`${TENANT}|${NUMBER}`)).toMatchObject({
      registered: true,
      connectionId: 'con_1',
    });
    expect(f.audit).toEqual([
      expect.objectContaining({
        action: 'whatsapp.number.register',
        result: 'success',
        target: `whatsapp-number:${NUMBER}`,
      }),
    ]);
    expect(JSON.stringify([...f.store.registrations.values(), ...f.audit])).not.toContain('482913');
  });

  it.each(['12345', '1234567', '12a456', ''])('refuses the PIN %j before calling Meta', async (pin) => {
    const f = whatsappFakes();
    await expect(registerNumber(f.deps, TENANT, NUMBER, pin, 'user:ana')).rejects.toMatchObject({
      status: 400,
      reason: 'invalid_pin',
    });
    expect(f.graph.calls).toHaveLength(0);
  });

  it('answers 404 for a number the tenant did not select, without calling Meta', async () => {
    const f = whatsappFakes();
    await expect(registerNumber(f.deps, OTHER, NUMBER, '482913', 'user:bob')).rejects.toMatchObject({
      status: 404,
    });
    expect(f.graph.calls).toHaveLength(0);
  });

  it('answers 409 when the connection has no usable token', async () => {
    const f = whatsappFakes();
    f.connections.withoutToken.add('con_1');
    await expect(registerNumber(f.deps, TENANT, NUMBER, '482913', 'user:ana')).rejects.toMatchObject({
      status: 409,
      reason: 'connection_not_usable',
    });
  });

  it("passes Meta's refusal on with its words, audits the failure, and stores nothing", async () => {
    const f = whatsappFakes();
    f.graph.refuseNext('registerNumber', {
      code: 133005,
      message: '(#133005) Two step verification PIN Mismatch',
    });
    await expect(registerNumber(f.deps, TENANT, NUMBER, '482913', 'user:ana')).rejects.toMatchObject({
      status: 400,
      reason: 'meta_refused',
      message: expect.stringContaining('PIN Mismatch'),
    });
    expect(f.store.registrations.size).toBe(0);
    expect(f.audit).toEqual([expect.objectContaining({ result: 'failure', reason: 'meta_refused' })]);
  });

  it('tells the tenant to wait when Meta limits registrations (133016)', async () => {
    const f = whatsappFakes();
    f.graph.refuseNext('registerNumber', { code: 133016, message: 'rate limit' });
    await expect(registerNumber(f.deps, TENANT, NUMBER, '482913', 'user:ana')).rejects.toMatchObject({
      status: 429,
      reason: 'rate_limited_code_133016',
    });
  });

  it('deregisters, and says so in the stored registration and the audit log', async () => {
    const f = whatsappFakes();
    expect((await deregisterNumber(f.deps, TENANT, NUMBER, 'user:ana')).registered).toBe(false);
    expect(f.graph.calls.map((c) => c.op)).toEqual(['deregisterNumber']);
    expect(f.store.registrations.get(`${TENANT}|${NUMBER}`)?.registered).toBe(false);
    expect(f.audit[0]).toMatchObject({ action: 'whatsapp.number.deregister', result: 'success' });
  });
});
