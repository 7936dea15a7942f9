/** The simulator's inbox routes behave like Meta's (https://developers.facebook.com/docs/messenger-platform/policy-overview): windows, error codes, webhooks. */
import { eventually } from '../../support/meta-connect';
import {
  DEFAULT_WORLD_IDS as IDS,
  startMetaSimulator,
  type MetaSimulator,
} from '../../../local/meta-simulator';
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
let page: string;
let user: string;
const PAGE = IDS.bakeryPageId;

const INBOX_SCOPES = [
  ...ALL_SCOPES,
  'pages_messaging',
  'pages_manage_engagement',
  'pages_read_user_content',
  'instagram_manage_comments',
  'instagram_manage_messages',
  'whatsapp_business_messaging',
];

beforeAll(async () => {
  receiver = await new Receiver().start();
  sim = await startMetaSimulator({
    appId: APP_ID,
    appSecret: APP_SECRET,
    seed: 17,
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
  user = (await connectUser(sim, { scope: INBOX_SCOPES.join(',') })).longToken;
  page = await pageToken(sim, user, PAGE);
});

const send = (to: string, extra: Record<string, string> = {}) =>
  graph(sim, 'POST', `${PAGE}/messages`, {
    token: page,
    form: { recipient: JSON.stringify({ id: to }), message: JSON.stringify({ text: 'hi' }), ...extra },
  });

describe('Messenger Send API', () => {
  it('answers inside 24 h; outside with 10/2534022; HUMAN_AGENT up to 7 days; retired tags 100', async () => {
    const fresh = (await control(sim, 'POST', 'messages', { channel: 'messenger', text: 'hello' })).body;
    expect(receiver.last().headers['x-hub-signature-256']).toBeDefined();
    expect(JSON.parse(receiver.last().raw.toString()).entry[0].messaging[0]).toMatchObject({
      sender: { id: fresh.from },
      recipient: { id: PAGE },
      message: { mid: fresh.messageId, text: 'hello' },
    });
    expect((await send(fresh.from)).body).toEqual({
      recipient_id: fresh.from,
      message_id: expect.stringMatching(/^m_/),
    });

    const old = (
      await control(sim, 'POST', 'messages', { channel: 'messenger', text: 'x', ageSeconds: 25 * 3600 })
    ).body;
    const refused = await send(old.from);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 10, error_subcode: 2534022 });
    expect((await send(old.from, { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' })).status).toBe(200);
    expect(
      (await send(old.from, { messaging_type: 'MESSAGE_TAG', tag: 'ACCOUNT_UPDATE' })).body.error.code,
    ).toBe(100);
    expect((await send('123456789')).body.error).toMatchObject({ code: 100, error_subcode: 2018001 });
  });

  it('the conversations API reads a thread back', async () => {
    const m = (await control(sim, 'POST', 'messages', { channel: 'messenger', text: 'hello' })).body;
    await send(m.from);
    const threads = await graph(sim, 'GET', `${PAGE}/conversations`, {
      token: page,
      query: { user_id: m.from },
    });
    const messages = await graph(sim, 'GET', `${threads.body.data[0].id}/messages`, { token: page });
    expect(messages.body.data.map((x: any) => [x.from.id, x.message])).toEqual([
      [PAGE, 'hi'],
      [m.from, 'hello'],
    ]);
  });
});

describe('WhatsApp Cloud API', () => {
  const wa = (to: string, json: Record<string, unknown>) =>
    graph(sim, 'POST', `${IDS.phoneNumberId}/messages`, {
      token: user,
      json: { messaging_product: 'whatsapp', to, ...json },
    });

  it('takes a free-form message outside the window and reports it failed with 131047; templates must be approved', async () => {
    const old = (
      await control(sim, 'POST', 'messages', { channel: 'whatsapp', text: 'x', ageSeconds: 30 * 3600 })
    ).body;
    expect(JSON.parse(receiver.last().raw.toString()).entry[0]).toMatchObject({
      id: IDS.wabaId,
      changes: [{ value: { metadata: { phone_number_id: IDS.phoneNumberId } } }],
    });
    const free = await wa(old.from, {
      type: 'text',
      text: { body: 'hello' },
      biz_opaque_callback_data: 'rpl_x',
    });
    expect(free.status).toBe(200);
    // Meta sends the status a moment after answering: wait for it to arrive, not for a guessed time
    await eventually(async () =>
      receiver.received.some((r) => r.raw.toString().includes(free.body.messages[0].id)) ? true : undefined,
    );
    const status = JSON.parse(receiver.last().raw.toString()).entry[0].changes[0].value.statuses[0];
    expect(status).toMatchObject({
      id: free.body.messages[0].id,
      status: 'failed',
      biz_opaque_callback_data: 'rpl_x',
      errors: [{ code: 131047 }],
    });
    const pending = await wa(old.from, {
      type: 'template',
      template: { name: 'spring_offer', language: { code: 'en_US' } },
    });
    expect(pending.body.error.code).toBe(132001);
    const ok = await wa(old.from, {
      type: 'template',
      template: {
        name: 'order_update',
        language: { code: 'en_US' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'A' },
              { type: 'text', text: 'B' },
            ],
          },
        ],
      },
    });
    expect(ok.body.messages[0].id).toMatch(/^wamid\./);
    const templates = await graph(sim, 'GET', `${IDS.wabaId}/message_templates`, { token: user });
    expect(templates.body.data.map((t: any) => `${t.name}:${t.status}`)).toEqual([
      'order_update:APPROVED',
      'spring_offer:PENDING',
    ]);
  });
});

describe('comments', () => {
  it('replies nest under the top-level comment; hide and delete; stream listing with parents', async () => {
    const root = (await control(sim, 'POST', 'comments', { pageId: PAGE, message: 'first' })).body;
    const feed = JSON.parse(receiver.last().raw.toString()).entry[0].changes[0];
    expect(feed).toMatchObject({
      field: 'feed',
      value: { item: 'comment', verb: 'add', comment_id: root.commentId, parent_id: root.postId },
    });
    const reply = await graph(sim, 'POST', `${root.commentId}/comments`, {
      token: page,
      form: { message: 'thanks' },
    });
    const nested = await graph(sim, 'POST', `${reply.body.id}/comments`, {
      token: page,
      form: { message: 'again' },
    });
    const stream = await graph(sim, 'GET', `${root.postId}/comments`, {
      token: page,
      query: { filter: 'stream' },
    });
    expect(stream.body.data.map((c: any) => [c.message, c.parent?.id ?? null])).toEqual([
      ['first', null],
      ['thanks', root.commentId],
      ['again', root.commentId],
    ]);
    expect(
      (await graph(sim, 'POST', root.commentId, { token: page, form: { is_hidden: 'true' } })).body,
    ).toEqual({ success: true });
    expect((await graph(sim, 'DELETE', nested.body.id, { token: page })).body).toEqual({ success: true });
    expect((await graph(sim, 'DELETE', nested.body.id, { token: page })).body.error).toMatchObject({
      code: 100,
      error_subcode: 33,
    });
  });
});
