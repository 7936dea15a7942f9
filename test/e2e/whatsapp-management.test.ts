/**
 * WhatsApp management end to end, over HTTP through the local runtime and the Meta simulator: register a
 * selected number with its two-step PIN (never kept or logged), submit, list and delete message
 * templates, Meta's review arriving as a `message_template_status_update` webhook, the business profile,
 * the refusals (ours before Meta, and Meta's), another tenant kept out, and the purge on disconnect.
 */
import { withLocalRuntime } from '../support/local-runtime';
import { captureOutput } from '../support/capture-output';
import { connectAndSelect, eventually, simJson } from '../support/meta-connect';
import { scanAll } from '../support/privacy';
import { DEFAULT_WORLD_IDS as W } from '../../local/meta-simulator';

const output = captureOutput();
const rt = withLocalRuntime({ log: true });
const NUMBER = `/api/v1/whatsapp/numbers/${W.phoneNumberId}`;
const ACCOUNT = `/api/v1/whatsapp/accounts/${W.wabaId}`;

const connect = (tenant: string) =>
  connectAndSelect(rt, tenant, { whatsappNumbers: [W.phoneNumberId] }, { features: ['whatsapp'] });
const apiOf = async (tenant: string) => rt.api({ token: await rt.token(tenant) });
const key = (k: string) => ({ headers: { 'idempotency-key': k } });

const template = (name: string, over: Record<string, unknown> = {}) => ({
  name,
  language: 'en_US',
  category: 'UTILITY',
  components: [
    {
      type: 'BODY',
      text: 'Hi {{1}}, your order {{2}} is ready.',
      example: { body_text: [['Ana', '#1042']] },
    },
    { type: 'FOOTER', text: 'Reply STOP to opt out' },
  ],
  ...over,
});

it('registers a selected number with its PIN; a malformed PIN never reaches Meta; the PIN is nowhere kept', async () => {
  await connect('wa-register-co');
  const api = await apiOf('wa-register-co');
  const pin = '739164';
  const before = (await simJson(rt, '/_sim/calls')).json.calls.length;

  const bad = await api.post(`${NUMBER}/register`, { pin: '73916' });
  expect(bad.status).toBe(400);
  expect(bad.headers.get('content-type')).toContain('application/problem+json');
  expect(bad.json.errors).toEqual([expect.objectContaining({ field: 'body.pin' })]);
  const calls = (await simJson(rt, '/_sim/calls')).json.calls.slice(before);
  expect(calls.filter((c: { path: string }) => c.path.includes('/register'))).toHaveLength(0);

  const ok = await api.post(`${NUMBER}/register`, { pin });
  expect(ok.status).toBe(200);
  expect(ok.json).toMatchObject({ phoneNumberId: W.phoneNumberId, wabaId: W.wabaId, registered: true });

  const off = await api.post(`${NUMBER}/deregister`, undefined, key('dereg-1'));
  expect(off.json.registered).toBe(false);
  // Meta holds the number to the PIN it was registered with
  const mismatch = await api.post(`${NUMBER}/register`, { pin: '111111' });
  expect(mismatch.status).toBe(400);
  expect(mismatch.json).toMatchObject({ reason: 'meta_refused', detail: expect.stringMatching(/133005/) });

  const audit = (await api.get('/api/v1/audit?limit=20')).json.items;
  expect(audit.map((e: { action: string; result: string }) => `${e.action}:${e.result}`)).toEqual(
    expect.arrayContaining([
      'whatsapp.number.register:success',
      'whatsapp.number.deregister:success',
      'whatsapp.number.register:failure',
    ]),
  );
  expect(JSON.stringify(await scanAll(rt))).not.toContain(pin);
  expect(output.text()).not.toContain(pin);
});

it('submits, lists and deletes templates; Meta review arrives by webhook; Meta refusals come back as problems', async () => {
  await connect('wa-templates-co');
  const api = await apiOf('wa-templates-co');

  const made = await api.post(`${ACCOUNT}/templates`, template('pickup_ready'), key('tpl-1'));
  expect(made.status).toBe(201);
  expect(made.json).toMatchObject({
    name: 'pickup_ready',
    status: 'PENDING',
    category: 'UTILITY',
    source: 'submitted',
  });
  // a retry with the same key gets the same answer; Meta is not asked twice
  const retry = await api.post(`${ACCOUNT}/templates`, template('pickup_ready'), key('tpl-1'));
  expect(retry.json.id).toBe(made.json.id);
  expect(retry.headers.get('idempotency-replayed')).toBe('true');

  // the same name and language again, with a new key: Meta refuses it, we say it is a conflict
  const dup = await api.post(`${ACCOUNT}/templates`, template('pickup_ready'), key('tpl-2'));
  expect(dup.status).toBe(409);
  expect(dup.json.reason).toBe('template_exists');

  for (const [body, field] of [
    [template('bad_category', { category: 'PROMO' }), 'body.category'],
    [
      template('no_examples', { components: [{ type: 'BODY', text: 'Hi {{1}}' }] }),
      'body.components.0.example',
    ],
    [
      template('long_body', { components: [{ type: 'BODY', text: 'x'.repeat(1025) }] }),
      'body.components.0.text',
    ],
    [template('Bad-Name'), 'body.name'],
  ] as const) {
    const res = await api.post(`${ACCOUNT}/templates`, body, key(`bad-${field}`));
    expect([res.status, res.json.errors?.[0]?.field]).toEqual([400, field]);
  }

  await simJson(rt, '/_sim/whatsapp/templates/review', {
    body: { name: 'pickup_ready', language: 'en_US', event: 'APPROVED' },
  });
  const approved = await eventually(async () => {
    const items = (await api.get(`${ACCOUNT}/templates`)).json.items;
    const t = items.find((x: { name: string }) => x.name === 'pickup_ready');
    return t?.status === 'APPROVED' ? t : undefined;
  });
  expect(approved).toMatchObject({
    id: made.json.id,
    source: 'webhook',
    reason: null,
    components: made.json.components,
  });

  // refresh reads Meta's list: the demo account's own templates appear too
  const refreshed = (await api.get(`${ACCOUNT}/templates?refresh=true`)).json.items;
  expect(refreshed.map((t: { name: string }) => t.name)).toEqual(
    expect.arrayContaining(['order_update', 'pickup_ready', 'spring_offer']),
  );

  const del = await api.delete(`${ACCOUNT}/templates/pickup_ready`, key('del-1'));
  expect(del.json).toEqual({ wabaId: W.wabaId, name: 'pickup_ready', deleted: true, languages: 1 });
  const after = (await api.get(`${ACCOUNT}/templates?refresh=true`)).json.items;
  expect(after.map((t: { name: string }) => t.name)).not.toContain('pickup_ready');
  const again = await api.delete(`${ACCOUNT}/templates/pickup_ready`, key('del-2'));
  expect(again.status).toBe(400);
  expect(again.json.reason).toBe('meta_refused');

  const audit = (await api.get('/api/v1/audit?limit=50')).json.items.map(
    (e: { action: string; result: string }) => `${e.action}:${e.result}`,
  );
  expect(audit).toEqual(
    expect.arrayContaining([
      'whatsapp.template.submit:success',
      'whatsapp.template.submit:failure',
      'whatsapp.template.delete:success',
    ]),
  );
});

it('reads and updates the business profile; Meta limits are refused before Meta is called', async () => {
  await connect('wa-profile-co');
  const api = await apiOf('wa-profile-co');
  const updated = await api.patch(
    `${NUMBER}/profile`,
    { about: 'Fresh cakes every morning', websites: ['https://cakes.example'], vertical: 'RESTAURANT' },
    key('prof-1'),
  );
  expect(updated.status).toBe(200);
  expect(updated.json).toMatchObject({ about: 'Fresh cakes every morning', vertical: 'RESTAURANT' });
  await api.patch(`${NUMBER}/profile`, { email: 'hello@cakes.example' }, key('prof-2'));
  const read = await api.get(`${NUMBER}/profile`);
  expect(read.json).toMatchObject({
    phoneNumberId: W.phoneNumberId,
    about: 'Fresh cakes every morning',
    email: 'hello@cakes.example',
    websites: ['https://cakes.example'],
  });

  for (const [body, field] of [
    [{ about: 'a'.repeat(140) }, 'body.about'],
    [{ description: 'd'.repeat(513) }, 'body.description'],
    [{ websites: ['https://a.example', 'https://b.example', 'https://c.example'] }, 'body.websites'],
    [{ vertical: 'BAKERY' }, 'body.vertical'],
    [{}, 'body'],
  ] as const) {
    const res = await api.patch(
      `${NUMBER}/profile`,
      body,
      key(`bad-prof-${field}-${JSON.stringify(body).length}`),
    );
    expect([res.status, res.json.errors?.[0]?.field]).toEqual([400, field]);
  }
  const audit = (await api.get('/api/v1/audit?action=whatsapp.profile.update')).json.items;
  expect(audit).toHaveLength(2);
  expect(JSON.stringify(audit)).not.toContain('Fresh cakes');
});

it('another tenant cannot touch a number or account it did not select: 404, and Meta is not called', async () => {
  await connect('wa-owner-co');
  await connectAndSelect(rt, 'wa-outsider-co', { pages: [W.bakeryPageId] }, { features: ['whatsapp'] });
  const outsider = await apiOf('wa-outsider-co');
  const before = (await simJson(rt, '/_sim/calls')).json.calls.length;
  const tries = [
    await outsider.post(`${NUMBER}/register`, { pin: '123456' }),
    await outsider.post(`${NUMBER}/deregister`, undefined, key('x-1')),
    await outsider.get(`${NUMBER}/profile`),
    await outsider.patch(`${NUMBER}/profile`, { about: 'Hijacked' }, key('x-2')),
    await outsider.get(`${ACCOUNT}/templates?refresh=true`),
    await outsider.post(`${ACCOUNT}/templates`, template('hijack'), key('x-3')),
    await outsider.delete(`${ACCOUNT}/templates/order_update`, key('x-4')),
  ];
  expect(tries.map((r) => r.status)).toEqual([404, 404, 404, 404, 404, 404, 404]);
  const calls = (await simJson(rt, '/_sim/calls')).json.calls.slice(before);
  expect(
    calls.filter((c: { path: string }) => /register|message_templates|business_profile/.test(c.path)),
  ).toEqual([]);
  expect((await rt.api().get(`${ACCOUNT}/templates`)).status).toBe(401);
});

it("disconnecting purges the connection's templates, profile and registration", async () => {
  const id = await connect('wa-purge-co');
  const api = await apiOf('wa-purge-co');
  await api.post(`${ACCOUNT}/templates`, template('purge_me'), key('p-1'));
  await api.get(`${NUMBER}/profile`);
  await api.post(`${NUMBER}/register`, { pin: '739164' });
  const kept = async () =>
    (await scanAll(rt)).filter((i) => i.connectionId === id && String(i.entity).startsWith('whatsapp-'));
  expect((await kept()).map((i) => i.entity).sort()).toEqual([
    'whatsapp-business-profile',
    'whatsapp-managed-template',
    'whatsapp-number-registration',
  ]);
  expect((await api.delete(`/api/v1/connections/${id}`)).status).toBeLessThan(300);
  await eventually(async () => ((await kept()).length === 0 ? true : undefined), 30_000);
});

it("revoking the account's only selected number purges its profile, registration and the account's templates", async () => {
  const id = await connect('wa-revoke-co');
  const api = await apiOf('wa-revoke-co');
  await api.get(`${NUMBER}/profile`);
  await api.post(`${NUMBER}/register`, { pin: '739164' });
  expect((await api.post(`${ACCOUNT}/templates`, template('revoke_me'), key('r-1'))).status).toBe(201);
  const keptForNumber = async () =>
    (await scanAll(rt)).filter(
      (i) => i.connectionId === id && (i.phoneNumberId === W.phoneNumberId || i.wabaId === W.wabaId),
    );
  expect((await keptForNumber()).map((i) => i.entity).sort()).toEqual([
    'whatsapp-business-profile',
    'whatsapp-managed-template',
    'whatsapp-number-registration',
  ]);
  expect((await api.delete(`/api/v1/connections/${id}/assets/${W.phoneNumberId}`)).status).toBeLessThan(300);
  await eventually(async () => ((await keptForNumber()).length === 0 ? true : undefined), 30_000);
  // out of the selection: the number is no longer this tenant's to manage
  expect((await api.get(`${NUMBER}/profile`)).status).toBe(404);
});
