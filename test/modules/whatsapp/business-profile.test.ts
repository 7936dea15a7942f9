import { readProfile, updateProfile } from '../../../lambdas/modules/whatsapp/core/business-profile';
import { NUMBER, OTHER, TENANT, whatsappFakes } from './fakes';

describe('business profile', () => {
  it("reads Meta's profile and keeps what it read", async () => {
    const f = whatsappFakes();
    f.graph.profiles.set(NUMBER, {
      about: 'Cakes',
      address: null,
      description: null,
      email: 'hi@cakes.example',
      websites: ['https://cakes.example'],
      vertical: 'RESTAURANT',
      profilePictureUrl: null,
    });
    const out = await readProfile(f.deps, TENANT, NUMBER);
    expect(out).toMatchObject({ phoneNumberId: NUMBER, about: 'Cakes', readAt: '2026-12-05T09:00:00.000Z' });
    expect(f.store.profiles.get(`${TENANT}|${NUMBER}`)).toMatchObject({
      connectionId: 'con_1',
      about: 'Cakes',
    });
  });

  it('sends only the changed fields, answers the profile as Meta has it after, audits the field names only', async () => {
    const f = whatsappFakes();
    f.graph.profiles.set(NUMBER, {
      about: 'Old',
      address: 'Rua 1',
      description: null,
      email: null,
      websites: [],
      vertical: null,
      profilePictureUrl: null,
    });
    const out = await updateProfile(
      f.deps,
      TENANT,
      NUMBER,
      { about: 'Fresh cakes', vertical: 'RESTAURANT' },
      'user:ana',
    );
    expect(f.graph.calls[0]).toMatchObject({
      op: 'updateProfile',
      args: { about: 'Fresh cakes', vertical: 'RESTAURANT' },
    });
    expect(out).toMatchObject({ about: 'Fresh cakes', address: 'Rua 1', vertical: 'RESTAURANT' });
    expect(f.audit).toEqual([
      expect.objectContaining({
        action: 'whatsapp.profile.update',
        result: 'success',
        details: { fields: ['about', 'vertical'] },
      }),
    ]);
    expect(JSON.stringify(f.audit)).not.toContain('Fresh cakes');
  });

  it("passes Meta's refusal on and audits it; another tenant's number is 404", async () => {
    const f = whatsappFakes();
    f.graph.refuseNext('updateProfile', {
      code: 100,
      message: '(#100) Param about must be at most 139 characters long.',
    });
    await expect(updateProfile(f.deps, TENANT, NUMBER, { about: 'x' }, 'user:ana')).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('139'),
    });
    expect(f.audit[0]).toMatchObject({ result: 'failure' });
    await expect(readProfile(f.deps, OTHER, NUMBER)).rejects.toMatchObject({ status: 404 });
  });

  it('a change the app-wide pause held says so, without calling it a refusal by Meta', async () => {
    const f = whatsappFakes();
    f.graph.pauseNext('updateProfile');
    const err = await updateProfile(f.deps, TENANT, NUMBER, { about: 'x' }, 'user:ana').catch((e) => e);
    expect(err).toMatchObject({ status: 502, reason: 'graph_paused' });
    expect(err.message).toMatch(/^Not sent to Meta/);
    expect(err.message).not.toMatch(/refused|code 2/);
  });
});
