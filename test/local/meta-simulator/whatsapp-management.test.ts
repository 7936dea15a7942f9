/**
 * The simulator's WhatsApp Business Management routes refuse what Meta refuses, with Meta's error shape:
 * registration PINs (format, mismatch, the 10-in-72-hours limit), template rules (names, categories,
 * duplicates, variables without examples, lengths), profile limits, the token type and the permission.
 */
import {
  DEFAULT_WORLD_IDS as IDS,
  startMetaSimulator,
  type MetaSimulator,
} from '../../../local/meta-simulator';
import { eventually } from '../../support/meta-connect';
import {
  ALL_SCOPES,
  APP_ID,
  APP_SECRET,
  connectUser,
  control,
  graph,
  pageToken,
  Receiver,
} from './sim-test-helpers';

let sim: MetaSimulator;
let receiver: Receiver;
let user: string;
const NUMBER = IDS.phoneNumberId;
const WABA = IDS.wabaId;

beforeAll(async () => {
  receiver = await new Receiver().start();
  sim = await startMetaSimulator({
    appId: APP_ID,
    appSecret: APP_SECRET,
    seed: 23,
    webhookUrl: receiver.url,
  });
});
afterAll(async () => {
  await sim.close();
  await receiver.stop();
});
beforeEach(async () => {
  sim.reset();
  receiver.received.length = 0;
  user = (await connectUser(sim, { scope: ALL_SCOPES.join(',') })).longToken;
});

const register = (pin: string, token = user) =>
  graph(sim, 'POST', `${NUMBER}/register`, { token, json: { messaging_product: 'whatsapp', pin } });

const body = (text: string, example?: string[][]) => ({
  type: 'BODY',
  text,
  ...(example ? { example: { body_text: example } } : {}),
});
const createTemplate = (json: Record<string, unknown>, token = user) =>
  graph(sim, 'POST', `${WABA}/message_templates`, {
    token,
    json: {
      name: 'ready_now',
      language: 'en_US',
      category: 'UTILITY',
      components: [body('Ready.')],
      ...json,
    },
  });

describe('registration', () => {
  it('takes a 6-digit PIN, then only that PIN; a malformed PIN is an invalid parameter', async () => {
    expect((await register('12345')).body.error).toMatchObject({ code: 100, type: 'OAuthException' });
    expect((await register('246810')).body).toEqual({ success: true });
    const logged = (await control(sim, 'GET', 'calls')).body.calls.at(-1);
    expect(logged).toMatchObject({ path: expect.stringContaining('/register'), body: { pin: '<redacted>' } });
    expect((await graph(sim, 'POST', `${NUMBER}/deregister`, { token: user })).body).toEqual({
      success: true,
    });
    const mismatch = await register('135790');
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error).toMatchObject({ code: 133005 });
  });

  it('refuses an eleventh request for a number within 72 hours with 133016', async () => {
    for (let i = 0; i < 10; i++) expect((await register('246810')).status).toBe(200);
    expect((await register('246810')).body.error).toMatchObject({ code: 133016 });
  });

  it('refuses a Page token and a user token without whatsapp_business_management', async () => {
    const page = await pageToken(sim, user, IDS.bakeryPageId);
    const byPage = await register('246810', page);
    expect(byPage.status).toBe(400);
    expect(byPage.body.error.message).toMatch(/User access token/);
    const narrow = (
      await connectUser(sim, {
        scope: ALL_SCOPES.filter((s) => s !== 'whatsapp_business_management').join(','),
      })
    ).longToken;
    const refused = await register('246810', narrow);
    expect(refused.body.error.code).toBe(200);
  });
});

describe('message templates', () => {
  it('creates a template PENDING; the same name and language again is refused with 2388024', async () => {
    const made = await createTemplate({});
    expect(made.body).toEqual({ id: expect.any(String), status: 'PENDING', category: 'UTILITY' });
    const again = await createTemplate({});
    expect(again.body.error).toMatchObject({ code: 100, error_subcode: 2388024 });
    const listed = await graph(sim, 'GET', `${WABA}/message_templates`, { token: user });
    expect(listed.body.data.find((t: { name: string }) => t.name === 'ready_now')).toMatchObject({
      status: 'PENDING',
      components: [{ type: 'BODY', text: 'Ready.' }],
    });
  });

  it.each([
    ['an invalid category', { category: 'PROMO' }, /category must be one of/],
    ['a name with capitals', { name: 'ReadyNow' }, /Invalid parameter/],
    ['variables without examples', { components: [body('Hi {{1}}')] }, /Invalid parameter/],
    ['a body over 1,024 characters', { components: [body('x'.repeat(1025))] }, /at most 1024/],
    [
      'a header over 60 characters',
      { components: [{ type: 'HEADER', format: 'TEXT', text: 'h'.repeat(61) }, body('Ready.')] },
      /at most 60/,
    ],
    [
      'a footer with a variable',
      { components: [body('Hi {{1}}', [['Ana']]), { type: 'FOOTER', text: 'Bye {{1}}' }] },
      /Invalid parameter/,
    ],
  ])('refuses %s', async (_what, json, message) => {
    const res = await createTemplate(json);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(100);
    expect(res.body.error.message).toMatch(message);
  });

  it('deletes every language of a name; an unknown name is refused', async () => {
    await createTemplate({ name: 'bye_now' });
    await createTemplate({ name: 'bye_now', language: 'pt_BR' });
    const del = await graph(sim, 'DELETE', `${WABA}/message_templates`, {
      token: user,
      query: { name: 'bye_now' },
    });
    expect(del.body).toEqual({ success: true });
    const again = await graph(sim, 'DELETE', `${WABA}/message_templates`, {
      token: user,
      query: { name: 'bye_now' },
    });
    expect(again.body.error.code).toBe(100);
  });

  it("plays Meta's review: the status changes and message_template_status_update is delivered", async () => {
    const made = await createTemplate({ name: 'reviewed_one' });
    const review = await control(sim, 'POST', 'whatsapp/templates/review', {
      name: 'reviewed_one',
      language: 'en_US',
      event: 'REJECTED',
      reason: 'INVALID_FORMAT',
    });
    expect(review.status).toBe(200);
    await eventually(async () => (receiver.received.length > 0 ? true : undefined));
    const change = JSON.parse(receiver.last().raw.toString()).entry[0].changes[0];
    expect(change).toMatchObject({
      field: 'message_template_status_update',
      value: {
        event: 'REJECTED',
        message_template_id: Number(made.body.id),
        message_template_name: 'reviewed_one',
        message_template_language: 'en_US',
        reason: 'INVALID_FORMAT',
      },
    });
  });
});

describe('business profile', () => {
  const update = (json: Record<string, unknown>) =>
    graph(sim, 'POST', `${NUMBER}/whatsapp_business_profile`, {
      token: user,
      json: { messaging_product: 'whatsapp', ...json },
    });

  it('keeps the fields an update does not name', async () => {
    expect((await update({ about: 'Cakes', vertical: 'RESTAURANT' })).body).toEqual({ success: true });
    expect((await update({ websites: ['https://cakes.example'] })).body).toEqual({ success: true });
    const read = await graph(sim, 'GET', `${NUMBER}/whatsapp_business_profile`, {
      token: user,
      query: { fields: 'about,websites,vertical' },
    });
    expect(read.body.data[0]).toMatchObject({
      about: 'Cakes',
      vertical: 'RESTAURANT',
      websites: ['https://cakes.example'],
    });
  });

  it.each([
    ['about over 139 characters', { about: 'a'.repeat(140) }],
    ['an empty about', { about: '' }],
    ['a description over 512 characters', { description: 'd'.repeat(513) }],
    ['three websites', { websites: ['https://a.example', 'https://b.example', 'https://c.example'] }],
    ['a website without its scheme', { websites: ['cakes.example'] }],
    ['a vertical not on the list', { vertical: 'BAKERY' }],
    ['an invalid email', { email: 'not-an-email' }],
  ])('refuses %s', async (_what, json) => {
    const res = await update(json);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(100);
  });
});
