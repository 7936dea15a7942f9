/**
 * The simulator's own webhook payloads against the golden fixtures (test/fixtures/meta/, each written from
 * Meta's documented example): every field the simulator sends must be one Meta documents for that
 * object/field, with the same JSON type, so the simulator cannot drift from Meta into a shape only our
 * service understands. Fixture fields the simulator leaves out are allowed (Meta's examples are the union
 * of what a notification can carry); what our normalizer needs is listed per case and must be present.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  feedCommentPayload,
  igCommentPayload,
  messagingPayload,
  receiptPayload,
  whatsappMessagePayload,
  whatsappStatusPayload,
  type SimMessage,
} from '../../../local/meta-simulator/inbox-webhooks';
import { leadgenWebhook } from '../../../local/meta-simulator/lead-factory';
import { feedPostPayload } from '../../../local/meta-simulator/content-routes';
import { buildDefaultWorld, DEFAULT_WORLD_IDS as W } from '../../../local/meta-simulator/default-world';
import { IdSource } from '../../../local/meta-simulator/ids';
import type { SimComment } from '../../../local/meta-simulator/world';

const FIXTURES = join(__dirname, '../../fixtures/meta');

function fixtureBody(name: string): unknown {
  const parsed = JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as { body: unknown };
  return parsed.body;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** every leaf and container as `path: type`, arrays collapsed to `[]` */
export function shapeOf(value: unknown, path = '$', out = new Map<string, string>()): Map<string, string> {
  out.set(path, typeOf(value));
  if (Array.isArray(value)) for (const item of value) shapeOf(item, `${path}[]`, out);
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) shapeOf(v, `${path}.${k}`, out);
  return out;
}

/** what the simulator sends that Meta's example does not have (or has with another type) */
function drift(sim: unknown, fixture: unknown): string[] {
  const theirs = shapeOf(fixture);
  const out: string[] = [];
  for (const [path, type] of shapeOf(sim)) {
    const documented = theirs.get(path);
    if (documented === undefined) out.push(`${path}: not in Meta's example`);
    else if (documented !== type) out.push(`${path}: ${type}, Meta sends ${documented}`);
  }
  return out;
}

function missing(sim: unknown, paths: string[]): string[] {
  const ours = shapeOf(sim);
  return paths.filter((p) => !ours.has(p));
}

const world = buildDefaultWorld(new IdSource(7));
const NOW_S = 1_768_500_000;
const NOW_MS = NOW_S * 1000;

const comment = (over: Partial<SimComment> = {}): SimComment => ({
  id: '122100000000000001_9000000000000001',
  platform: 'facebook',
  objectId: `${W.bakeryPageId}_122100000000000001`,
  assetId: W.bakeryPageId,
  parentId: null,
  from: { id: '24242424242424', name: 'Ana Costa' },
  message: 'Do you deliver on Sundays?',
  createdTime: NOW_S,
  hidden: false,
  deleted: false,
  ...over,
});

const message = (over: Partial<SimMessage> = {}): SimMessage => ({
  kind: 'inbox-message',
  id: 'mid.1457764197618:41d102a3e1ae206a38',
  channel: 'messenger',
  direction: 'inbound',
  assetId: W.bakeryPageId,
  userId: '6543210987654321',
  userName: 'Ana Costa',
  text: 'hello',
  template: null,
  createdTime: NOW_MS,
  status: 'received',
  messagingType: null,
  tag: null,
  callbackData: null,
  error: null,
  ...over,
});

const wa = (over: Partial<SimMessage> = {}) =>
  message({
    id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTdCNTg5RjY1MEMyRjlGMjRG0001',
    channel: 'whatsapp',
    assetId: W.phoneNumberId,
    userId: '16505551234',
    ...over,
  });

const IG = { channel: 'instagram' as const, assetId: W.instagramAccountId, userId: '7654321098765432' };

interface Case {
  name: string;
  fixture: string;
  sim: () => unknown;
  /** fields our normalizer reads: the simulator must send them */
  needs: string[];
}

const CASES: Case[] = [
  {
    name: 'Page leadgen',
    fixture: 'page-leadgen.json',
    sim: () =>
      leadgenWebhook(
        {
          id: '444444444444444',
          formId: W.bakeryLeadFormId,
          pageId: W.bakeryPageId,
          adId: W.adId,
          createdTime: NOW_S,
          fieldData: [],
          platform: 'fb',
          isOrganic: false,
        },
        NOW_S,
      ),
    needs: ['$.entry[].changes[].value.leadgen_id', '$.entry[].changes[].value.page_id'],
  },
  ...(['add', 'edited'] as const).map((verb) => ({
    name: `Page feed comment ${verb}`,
    fixture: `page-feed-comment-${verb}.json`,
    sim: () => feedCommentPayload(comment(), verb, NOW_S),
    needs: ['$.entry[].changes[].value.comment_id', '$.entry[].changes[].value.message'],
  })),
  {
    name: 'Page feed comment remove',
    fixture: 'page-feed-comment-remove.json',
    sim: () => feedCommentPayload(comment(), 'remove', NOW_S),
    needs: ['$.entry[].changes[].value.comment_id', '$.entry[].changes[].value.verb'],
  },
  {
    name: 'Page feed post add (a status)',
    fixture: 'page-feed-status-add.json',
    sim: () =>
      feedPostPayload(
        {
          kind: 'facebook_post',
          id: `${W.bakeryPageId}_444444444`,
          pageId: W.bakeryPageId,
          message: 'Hi',
          createdTime: NOW_S,
        },
        'Demo Bakery',
        NOW_S,
      ),
    needs: [
      '$.entry[].changes[].value.post_id',
      '$.entry[].changes[].value.item',
      '$.entry[].changes[].value.from.id',
      '$.entry[].changes[].value.created_time',
    ],
  },
  {
    name: 'Page feed post add (a photo)',
    fixture: 'page-feed-photo-add.json',
    sim: () =>
      feedPostPayload(
        {
          kind: 'facebook_post',
          id: `${W.bakeryPageId}_444444445`,
          pageId: W.bakeryPageId,
          message: 'Bread',
          imageUrl: 'https://scontent.example.fbcdn.net/x.jpg',
          photoId: '444444446',
          createdTime: NOW_S,
        },
        'Demo Bakery',
        NOW_S,
      ),
    needs: ['$.entry[].changes[].value.link', '$.entry[].changes[].value.published'],
  },
  {
    name: 'Instagram comment',
    fixture: 'instagram-comments.json',
    sim: () =>
      igCommentPayload(
        comment({
          id: '17865799348089039',
          platform: 'instagram',
          assetId: W.instagramAccountId,
          objectId: '17887498072083520',
        }),
        NOW_S,
      ),
    needs: ['$.entry[].changes[].value.id', '$.entry[].changes[].value.media.id'],
  },
  {
    name: 'Messenger message',
    fixture: 'messenger-message.json',
    sim: () => messagingPayload(message()),
    needs: ['$.entry[].messaging[].message.mid', '$.entry[].messaging[].timestamp'],
  },
  {
    name: 'Messenger echo',
    fixture: 'messenger-message-echo.json',
    sim: () =>
      messagingPayload(message({ direction: 'outbound' }), { echo: true, appId: '1517776481860111' }),
    needs: ['$.entry[].messaging[].message.is_echo', '$.entry[].messaging[].message.app_id'],
  },
  {
    name: 'Messenger delivery',
    fixture: 'messenger-delivery.json',
    sim: () => receiptPayload(message({ direction: 'outbound' }), 'delivered', NOW_MS),
    needs: ['$.entry[].messaging[].delivery.mids[]', '$.entry[].messaging[].delivery.watermark'],
  },
  {
    name: 'Messenger read',
    fixture: 'messenger-read.json',
    sim: () => receiptPayload(message({ direction: 'outbound' }), 'read', NOW_MS),
    needs: ['$.entry[].messaging[].read.watermark'],
  },
  {
    name: 'Instagram message',
    fixture: 'instagram-messaging.json',
    sim: () => messagingPayload(message(IG)),
    needs: ['$.entry[].messaging[].message.mid', '$.entry[].messaging[].message.text'],
  },
  {
    name: 'Instagram echo (rides on `messages` with is_echo)',
    fixture: 'instagram-messaging-echo.json',
    sim: () =>
      messagingPayload(message({ ...IG, direction: 'outbound' }), { echo: true, appId: '1517776481860111' }),
    needs: ['$.entry[].messaging[].message.is_echo'],
  },
  {
    name: 'Instagram seen',
    fixture: 'instagram-seen.json',
    sim: () => receiptPayload(message({ ...IG, direction: 'outbound' }), 'read', NOW_MS),
    needs: ['$.entry[].messaging[].read.mid'],
  },
  {
    name: 'WhatsApp text message',
    fixture: 'whatsapp-text.json',
    sim: () => whatsappMessagePayload(world, wa()),
    needs: ['$.entry[].changes[].value.messages[].id', '$.entry[].changes[].value.metadata.phone_number_id'],
  },
  ...(['sent', 'delivered', 'read'] as const).map((status) => ({
    name: `WhatsApp status ${status}`,
    fixture: `whatsapp-status-${status}.json`,
    sim: () =>
      whatsappStatusPayload(world, wa({ direction: 'outbound', callbackData: 'rpl_1' }), status, NOW_S),
    needs: ['$.entry[].changes[].value.statuses[].status', '$.entry[].changes[].value.statuses[].id'],
  })),
  {
    name: 'WhatsApp status failed',
    fixture: 'whatsapp-status-failed.json',
    sim: () =>
      whatsappStatusPayload(
        world,
        wa({ direction: 'outbound', error: { code: 131047, title: 'Re-engagement message' } }),
        'failed',
        NOW_S,
      ),
    needs: ['$.entry[].changes[].value.statuses[].errors[].code'],
  },
];

describe('the simulator sends webhooks in the shapes of Meta’s documented examples', () => {
  it.each(CASES)('$name', ({ fixture, sim, needs }) => {
    const payload = sim();
    expect(drift(payload, fixtureBody(fixture))).toEqual([]);
    expect(missing(payload, needs)).toEqual([]);
  });

  it('the check catches a field Meta does not send', () => {
    const payload = messagingPayload(message()) as {
      entry: Array<{ messaging: Array<Record<string, unknown>> }>;
    };
    payload.entry[0]!.messaging[0]!.conversation_id = 'c1';
    payload.entry[0]!.messaging[0]!.timestamp = String(NOW_MS);
    expect(drift(payload, fixtureBody('messenger-message.json'))).toEqual([
      '$.entry[].messaging[].timestamp: string, Meta sends number',
      '$.entry[].messaging[].conversation_id: not in Meta’s example'.replace('’', "'"),
    ]);
  });
});
