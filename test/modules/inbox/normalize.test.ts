/** Meta's inbox payloads → inbox events, with a reason for everything the inbox does not keep. */
import { normalizeInbox } from '../../../lambdas/modules/inbox/core/normalize';
import { conversationIdFor } from '../../../lambdas/modules/inbox/core/inbox-model';

const NOW = Date.parse('2026-05-10T12:00:00Z');
const PAGE = '108472639501827';

describe('normalizing inbox webhooks', () => {
  it('WhatsApp: routed by the phone number id in metadata, not by the WABA the entry names', () => {
    const { events } = normalizeInbox(
      {
        object: 'whatsapp_business_account',
        field: 'messages',
        entryId: '104857362910384',
        entryTimeMs: null,
        value: {
          messaging_product: 'whatsapp',
          metadata: { display_phone_number: '15550104477', phone_number_id: '109283746501928' },
          contacts: [{ profile: { name: 'Pablo' }, wa_id: '16505551234' }],
          messages: [
            {
              from: '16505551234',
              id: 'wamid.A',
              timestamp: '1750030073',
              type: 'text',
              text: { body: 'hi' },
            },
          ],
          statuses: [
            {
              id: 'wamid.B',
              status: 'failed',
              timestamp: '1750030074',
              recipient_id: '16505551234',
              errors: [{ code: 131047, title: 'Re-engagement message' }],
            },
          ],
        },
      },
      NOW,
    );
    expect(events).toEqual([
      expect.objectContaining({
        type: 'content',
        channel: 'whatsapp',
        assetId: '109283746501928',
        threadKey: '16505551234',
        text: 'hi',
        at: 1750030073000,
        contact: { id: '16505551234', name: 'Pablo', fromRoot: true },
      }),
      expect.objectContaining({
        type: 'status',
        metaId: 'wamid.B',
        status: 'failed',
        error: '131047: Re-engagement message',
      }),
    ]);
  });

  it('Page feed: a reply threads under its top-level comment; the Page’s own comment is outbound', () => {
    const feed = (value: Record<string, unknown>) =>
      normalizeInbox({ object: 'page', field: 'feed', entryId: PAGE, entryTimeMs: NOW, value }, NOW)
        .events[0];
    const post = `${PAGE}_122131676912594941`;
    const root = feed({
      item: 'comment',
      verb: 'add',
      from: { id: '9', name: 'Ana' },
      post_id: post,
      comment_id: '1_1',
      parent_id: post,
      message: 'a',
      created_time: 1742667604,
    });
    const reply = feed({
      item: 'comment',
      verb: 'add',
      from: { id: PAGE, name: 'Bakery' },
      post_id: post,
      comment_id: '1_2',
      parent_id: '1_1',
      message: 'b',
      created_time: 1742667605,
    });
    expect(root).toMatchObject({
      threadKey: '1_1',
      direction: 'inbound',
      contact: { id: '9', fromRoot: true },
      at: 1742667604000,
    });
    expect(reply).toMatchObject({
      threadKey: '1_1',
      direction: 'outbound',
      contact: null,
      parentMetaId: '1_1',
    });
    expect(conversationIdFor('facebook_comment', PAGE, root!.threadKey)).toBe(
      conversationIdFor('facebook_comment', PAGE, reply!.threadKey),
    );
  });

  it('Messenger: an echo threads with the person it was sent to; a delivery names its messages and moves the watermark', () => {
    const item = (value: Record<string, unknown>) =>
      normalizeInbox({ object: 'page', field: 'x', entryId: PAGE, entryTimeMs: NOW, value }, NOW).events;
    expect(
      item({
        sender: { id: PAGE },
        recipient: { id: 'psid1' },
        timestamp: NOW,
        message: { mid: 'm_1', text: 'hey', is_echo: true },
      })[0],
    ).toMatchObject({
      type: 'content',
      direction: 'outbound',
      threadKey: 'psid1',
    });
    expect(
      item({
        sender: { id: 'psid1' },
        recipient: { id: PAGE },
        timestamp: NOW,
        delivery: { mids: ['m_1'], watermark: NOW },
      }),
    ).toEqual([
      expect.objectContaining({ type: 'status', metaId: 'm_1', status: 'delivered' }),
      expect.objectContaining({ type: 'watermark', watermark: 'delivered', at: NOW }),
    ]);
  });

  it('says why it keeps nothing', () => {
    expect(
      normalizeInbox(
        {
          object: 'page',
          field: 'feed',
          entryId: PAGE,
          entryTimeMs: NOW,
          value: { item: 'status', verb: 'add' },
        },
        NOW,
      ).ignored,
    ).toEqual(['feed_item_status_not_kept']);
    expect(
      normalizeInbox(
        { object: 'page', field: 'feed', entryId: PAGE, entryTimeMs: NOW, value: 'nonsense' },
        NOW,
      ).ignored,
    ).toEqual(['feed_value_invalid']);
    expect(
      normalizeInbox(
        {
          object: 'instagram',
          field: 'mentions',
          entryId: '17841405822304914',
          entryTimeMs: NOW,
          value: { media_id: '18', comment_id: '178' },
        },
        NOW,
      ).events[0],
    ).toMatchObject({
      kind: 'mention',
      text: null,
    });
  });
});
