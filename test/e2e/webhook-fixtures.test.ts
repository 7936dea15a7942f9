/**
 * Golden webhook payloads, written from Meta's documented examples (test/fixtures/meta/, each with its
 * source), sent signed through the real webhook endpoint of the local runtime: every field the service
 * handles makes the records and events it should, and what it does not keep is dropped with a reason.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { withLocalRuntime } from '../support/local-runtime';
import { connectAndSelect, eventually, simJson } from '../support/meta-connect';
import { waitForLeads } from '../support/leads';
import { DEFAULT_WORLD_IDS as W } from '../../local/meta-simulator';
import { conversationIdFor, messageIdFor, type Channel } from '../../lambdas/modules/inbox/core/inbox-model';
import { normalizeInbox } from '../../lambdas/modules/inbox/core/normalize';
import { contentIdFor } from '../../lambdas/modules/content/core/content-model';
import { inboxPipelineFromRuntime } from '../../lambdas/modules/inbox/wiring/pipeline';
import { contentSyncFromRuntime } from '../../lambdas/modules/content/wiring/sync';

const DIR = path.resolve(__dirname, '../fixtures/meta');
const fixture = (name: string) =>
  JSON.parse(readFileSync(path.join(DIR, name), 'utf8')) as { _source: string; body: any };

const rt = withLocalRuntime();
const T = 'fixtures-co';

beforeAll(async () => {
  await connectAndSelect(
    rt,
    T,
    {
      pages: [W.bakeryPageId],
      instagramAccounts: [W.instagramAccountId],
      whatsappNumbers: [W.phoneNumberId],
      leadForms: [W.bakeryLeadFormId],
    },
    { features: ['leads', 'inbox', 'whatsapp', 'insights'] },
  );
});

/** signed like Meta (X-Hub-Signature-256 over the raw body) and POSTed to /api/v1/meta/webhook */
async function deliver(name: string) {
  const res = await simJson(rt, '/_sim/webhooks', { body: fixture(name).body });
  expect(res.json.status).toBe(200);
}

const stored = (channel: Channel, metaId: string) =>
  eventually(async () => inboxOf(rt).inbox.getMessage(T, messageIdFor(channel, metaId)), 15_000);

const text = async (channel: Channel, metaId: string) => {
  const m = (await stored(channel, metaId))!;
  return m.textCipher ? inboxOf(rt).cipher.decrypt(T, m.textCipher, `${m.id}:text`) : null;
};

const announced = (type: string, metaId: string) =>
  eventually(async () =>
    rt.runtime
      .events({ detailType: type })
      .map((e) => e.envelope.detail as any)
      .find((d) => d.tenantId === T && d.metaId === metaId),
  );

async function deliveryLog(): Promise<Record<string, any>[]> {
  const out = await rt.runtime.deps.clients.dynamo.send(
    new ScanCommand({ TableName: rt.runtime.config.tableName }),
  );
  return (out.Items ?? []).filter((i) => String(i.pk).startsWith('DELIVERIES#'));
}

it('every fixture names the Meta page it was written from', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));
  expect(files.length).toBeGreaterThanOrEqual(30);
  for (const f of files) expect(fixture(f)._source).toMatch(/^https:\/\/developers\.facebook\.com\//);
});

describe('Page', () => {
  it('leadgen: the lead is read from Meta and stored', async () => {
    const { body } = fixture('page-leadgen.json');
    const leadgenId = body.entry[0].changes[0].value.leadgen_id;
    await simJson(rt, '/_sim/leads', {
      body: {
        pageId: W.bakeryPageId,
        formId: W.bakeryLeadFormId,
        leadgenId,
        fieldData: { full_name: 'Ana Costa', email: 'ana@example.test' },
      },
    });
    await deliver('page-leadgen.json');
    const leads = await waitForLeads(rt, T, 1);
    expect(leads.find((l: any) => l.leadgenId === leadgenId)).toMatchObject({ formId: W.bakeryLeadFormId });
    expect(
      rt.runtime.events({ detailType: 'lead.created' }).map((e) => (e.envelope.detail as any).leadgenId),
    ).toContain(leadgenId);
  });

  it('feed comment add: a comment thread with the text, announced', async () => {
    await deliver('page-feed-comment-add.json');
    const id = '122100000000000001_9000000000000001';
    expect(await text('facebook_comment', id)).toBe('Do you deliver on Sundays?');
    expect(await stored('facebook_comment', id)).toMatchObject({ direction: 'inbound', kind: 'comment' });
    expect(await announced('comment.received', id)).toMatchObject({ channel: 'facebook_comment' });
  });

  it('feed comment edited: the edited text, marked edited', async () => {
    await deliver('page-feed-comment-edited.json');
    const id = '122100000000000001_9000000000000002';
    expect(await text('facebook_comment', id)).toBe('Do you deliver on Saturdays too?');
    expect(await stored('facebook_comment', id)).toMatchObject({ edited: true });
  });

  it.each([
    ['page-feed-status-add.json', '108472639501827_444444444', 'Example post content.', 'status'],
    ['page-feed-photo-add.json', '108472639501827_444444445', 'Example photo post.', 'photo'],
  ])('feed post add (%s): the Page’s own post joins its content', async (name, postId, message, type) => {
    const { body } = fixture(name);
    // Meta's example is from 2018, long past the content retention: the same post, published now
    body.entry[0].changes[0].value.created_time = Math.floor(Date.now() / 1000);
    expect((await simJson(rt, '/_sim/webhooks', { body })).json.status).toBe(200);
    const item = await eventually(async () =>
      contentSyncFromRuntime(rt.runtime.deps).content.getItem(T, contentIdFor('facebook', postId)),
    );
    expect(item).toMatchObject({ metaId: postId, text: message, type, assetId: W.bakeryPageId });
  });

  it('feed comment remove: a tombstone, no text', async () => {
    await deliver('page-feed-comment-remove.json');
    const m = await stored('facebook_comment', '122100000000000001_9000000000000003');
    expect(m).toMatchObject({ deletedAt: expect.any(String), textCipher: null });
  });
});

describe('Messenger', () => {
  it('message: stored inbound and announced', async () => {
    await deliver('messenger-message.json');
    const mid = 'mid.1457764197618:41d102a3e1ae206a38';
    expect(await text('messenger', mid)).toBe('hello, world!');
    expect(await announced('message.received', mid)).toMatchObject({ channel: 'messenger' });
  });

  it('message with an attachment: kept as an attachment', async () => {
    await deliver('messenger-message-attachment.json');
    expect(await stored('messenger', 'mid.$cAAJdkrCd2ORnva8ErFhjGm0X_Q_c')).toMatchObject({
      attachments: [{ type: 'image' }],
    });
  });

  it('echo: the Page’s own message, outbound', async () => {
    await deliver('messenger-message-echo.json');
    expect(await stored('messenger', 'mid.1457764197618:41d102a3e1ae206a39')).toMatchObject({
      direction: 'outbound',
    });
  });

  it('delivery: the message is delivered (a placeholder until it arrives)', async () => {
    await deliver('messenger-delivery.json');
    expect(await stored('messenger', 'mid.1458668856218:ed81099e15d3f4f233')).toMatchObject({
      status: 'delivered',
    });
  });

  it('read: the conversation’s read watermark', async () => {
    await deliver('messenger-read.json');
    const conv = await eventually(async () => {
      const c = await inboxOf(rt).inbox.getConversation(
        T,
        conversationIdFor('messenger', W.bakeryPageId, '6543210987654321'),
      );
      return c?.contactReadAt ? c : undefined;
    });
    expect(conv.contactReadAt).toBe(new Date(1458668856253).toISOString());
  });

  it('postback: the button press, kept as the person’s action', async () => {
    await deliver('messenger-postback.json');
    expect(await text('messenger', 'm_MESSAGE-ID-POSTBACK-0001')).toBe('Order now');
    expect(await stored('messenger', 'm_MESSAGE-ID-POSTBACK-0001')).toMatchObject({ kind: 'postback' });
  });

  it('message edit: the new text', async () => {
    await deliver('messenger-message-edit.json');
    expect(await text('messenger', 'mid.1457764197618:41d102a3e1ae206a40')).toBe('hello, world! (edited)');
  });

  it('standby (handover protocol): parsed, not counted as an empty entry', async () => {
    await deliver('messenger-standby.json');
    expect(await text('messenger', 'mid.1457764197618:41d102a3e1ae206a41')).toBe('Is anyone there?');
  });

  it('reaction: not kept, dropped at the endpoint with the reason in the delivery log', async () => {
    await deliver('messenger-reaction.json');
    const log = await eventually(async () =>
      (await deliveryLog()).find((d) => d.reason === 'unhandled_fields_dropped' && d.dropped?.reaction === 1),
    );
    expect(log).toMatchObject({ outcome: 'accepted', eventCount: 0 });
    expect(rt.runtime.events({ detailType: 'meta.page.reaction' })).toHaveLength(0);
  });
});

describe('Instagram', () => {
  it('comments: a comment thread on the media', async () => {
    await deliver('instagram-comments.json');
    expect(await text('instagram_comment', '17865799348089039')).toBe('Is this gluten free?');
    expect(await announced('comment.received', '17865799348089039')).toMatchObject({
      channel: 'instagram_comment',
    });
  });

  it('mentions: the mention, with no text of its own', async () => {
    await deliver('instagram-mentions.json');
    expect(await stored('instagram_comment', '17887498072083522')).toMatchObject({
      kind: 'mention',
      textCipher: null,
    });
  });

  it('messaging: a direct message', async () => {
    await deliver('instagram-messaging.json');
    const mid = fixture('instagram-messaging.json').body.entry[0].messaging[0].message.mid;
    expect(await text('instagram_dm', mid)).toBe('Hi! Do you ship to Porto?');
  });

  it('messaging echo: the account’s own message, outbound', async () => {
    await deliver('instagram-messaging-echo.json');
    const mid = fixture('instagram-messaging-echo.json').body.entry[0].messaging[0].message.mid;
    expect(await stored('instagram_dm', mid)).toMatchObject({ direction: 'outbound' });
    expect(await text('instagram_dm', mid)).toBe('Yes, we ship to Porto.');
  });

  it('messaging_seen: the message named by read.mid is read', async () => {
    await deliver('instagram-seen.json');
    const mid = fixture('instagram-seen.json').body.entry[0].messaging[0].read.mid;
    // the echo test stored this message as sent: wait for the receipt to move it on
    const read = await eventually(async () => {
      const m = await inboxOf(rt).inbox.getMessage(T, messageIdFor('instagram_dm', mid));
      return m?.status === 'read' ? m : undefined;
    }, 15_000);
    expect(read).toMatchObject({ direction: 'outbound', status: 'read' });
  });
});

describe('WhatsApp', () => {
  const wamid = (name: string) => fixture(name).body.entry[0].changes[0].value.messages[0].id as string;
  it.each([
    ['whatsapp-text.json', 'Hello, is the order ready?', []],
    ['whatsapp-image.json', 'This one, please', [{ type: 'image' }]],
    ['whatsapp-video.json', 'Unboxing', [{ type: 'video' }]],
    ['whatsapp-audio.json', null, [{ type: 'audio' }]],
    ['whatsapp-document.json', 'Invoice', [{ type: 'document' }]],
    ['whatsapp-sticker.json', null, [{ type: 'sticker' }]],
    ['whatsapp-location.json', null, [{ type: 'location' }]],
    ['whatsapp-contacts.json', null, [{ type: 'contacts' }]],
    ['whatsapp-button.json', 'Confirm order', []],
    ['whatsapp-interactive-button-reply.json', 'Pick up in store', []],
    ['whatsapp-interactive-list-reply.json', 'Rye loaf', []],
  ])('%s: shown with its text and attachments', async (name, expected, attachments) => {
    await deliver(name);
    expect(await text('whatsapp', wamid(name))).toBe(expected);
    expect(await stored('whatsapp', wamid(name))).toMatchObject({ direction: 'inbound', attachments });
  });

  it.each([
    ['whatsapp-status-sent.json', 'sent', null],
    ['whatsapp-status-delivered.json', 'delivered', null],
    ['whatsapp-status-read.json', 'read', null],
    ['whatsapp-status-failed.json', 'failed', '131047: Re-engagement message'],
  ])('%s: the message status', async (name, status, error) => {
    await deliver(name);
    const id = fixture(name).body.entry[0].changes[0].value.statuses[0].id;
    expect(await stored('whatsapp', id)).toMatchObject({ status, statusError: error });
  });

  it.each([
    ['whatsapp-reaction.json', 'whatsapp_reaction_not_kept'],
    ['whatsapp-errors.json', 'whatsapp_error_131051'],
  ])('%s: nothing kept, and the reason says why', async (name, reason) => {
    const { body } = fixture(name);
    const change = body.entry[0].changes[0];
    const result = normalizeInbox(
      {
        object: body.object,
        field: change.field,
        entryId: body.entry[0].id,
        entryTimeMs: null,
        value: change.value,
      },
      Date.now(),
    );
    expect(result).toEqual({ events: [], ignored: [reason] });
    await deliver(name);
  });
});

/** the inbox's stores and cipher over the runtime's table and vault, as its functions build them */
function inboxOf(r: { runtime: { deps: Parameters<typeof inboxPipelineFromRuntime>[0] } }) {
  return inboxPipelineFromRuntime(r.runtime.deps);
}
