/**
 * What the app subscribes a Page to and what the endpoint routes to a worker must be the same set: a
 * field subscribed but not routed is delivered by Meta and dropped; a field routed but not subscribed
 * never arrives. Every golden fixture (test/fixtures/meta/, Meta's documented examples) splits into
 * events the workers handle, except those the inbox deliberately does not keep (reactions), which the
 * endpoint drops with a count in the delivery log.
 */
import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CONTENT_INGEST_DETAIL_TYPES,
  INBOX_INGEST_DETAIL_TYPES,
  LEAD_INGEST_DETAIL_TYPES,
  isHandledDetailType,
} from '../../../lambdas/core/webhooks/handled-fields';
import { pageFieldsForFeatures } from '../../../lambdas/core/webhooks/page-subscription-fields';
import {
  ingestDetailType,
  splitEnvelope,
  WebhookEnvelope,
} from '../../../lambdas/core/webhooks/webhook-envelope';
import { RecordingMetrics } from '../../support/recording-metrics';
import { receiveDelivery } from '../../../lambdas/modules/webhooks/core/receive-delivery';
import type { DeliveryRecord } from '../../../lambdas/modules/webhooks/contracts';
import { FEATURES } from '../../../lambdas/core/scopes/scope-registry';

const FIXTURES = join(__dirname, '../../fixtures/meta');
const fixtures = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .sort();
const body = (name: string) =>
  (JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as { body: unknown }).body;

/**
 * Page subscription field → the name the splitter gives its events (messaging items are named after
 * their key: https://developers.facebook.com/documentation/business-messaging/messenger-platform/webhooks/webhook-events)
 */
const SPLIT_NAME: Record<string, string> = {
  leadgen: 'leadgen',
  feed: 'feed',
  messages: 'messages',
  message_echoes: 'message_echoes',
  message_deliveries: 'delivery',
  message_reads: 'read',
  messaging_postbacks: 'postback',
  message_edits: 'message_edit',
  standby: 'standby',
};

describe('subscribed = routed', () => {
  const subscribed = pageFieldsForFeatures(FEATURES);

  it('every Page field the app subscribes to reaches a worker', () => {
    for (const field of subscribed) {
      expect(SPLIT_NAME[field]).toBeDefined();
      expect(isHandledDetailType(`meta.page.${SPLIT_NAME[field]}`)).toBe(true);
    }
  });

  it('every Page detail type a worker handles is subscribed to', () => {
    const routed = [...LEAD_INGEST_DETAIL_TYPES, ...INBOX_INGEST_DETAIL_TYPES, ...CONTENT_INGEST_DETAIL_TYPES]
      .filter((t) => t.startsWith('meta.page.'))
      .map((t) => t.slice('meta.page.'.length));
    const fromSubscriptions = new Set(subscribed.map((f) => SPLIT_NAME[f]));
    expect(routed.filter((f) => !fromSubscriptions.has(f))).toEqual([]);
  });

  it('reactions are neither subscribed nor routed', () => {
    expect(subscribed).not.toContain('message_reactions');
    expect(isHandledDetailType('meta.page.reaction')).toBe(false);
  });
});

describe('golden fixtures split into handled events', () => {
  const NOT_KEPT: Record<string, string[]> = { 'messenger-reaction.json': ['reaction'] };

  it.each(fixtures)('%s', (name) => {
    const envelope = WebhookEnvelope.parse(body(name));
    const { events, emptyEntries } = splitEnvelope('dlv_test', envelope);
    expect(emptyEntries).toBe(0);
    expect(events.length).toBeGreaterThan(0);
    const unhandled = events.filter((e) => !isHandledDetailType(ingestDetailType(e))).map((e) => e.field);
    expect(unhandled).toEqual(NOT_KEPT[name] ?? []);
  });

  it('the standby fixture splits into a `standby` event carrying the messaging item', () => {
    const { events } = splitEnvelope('dlv_test', WebhookEnvelope.parse(body('messenger-standby.json')));
    expect(events).toEqual([
      expect.objectContaining({
        field: 'standby',
        value: expect.objectContaining({ message: expect.objectContaining({ text: 'Is anyone there?' }) }),
      }),
    ]);
  });
});

describe('the endpoint drops what no worker acts on, counted', () => {
  const SECRET = 'app-secret';
  const run = async (payload: unknown) => {
    const published: unknown[] = [];
    const logged: DeliveryRecord[] = [];
    const metrics = new RecordingMetrics();
    const raw = Buffer.from(JSON.stringify(payload));
    const outcome = await receiveDelivery(
      {
        clock: { now: () => new Date('2026-03-01T10:00:00Z') },
        ids: { next: (p: string) => `${p}_1` },
        secrets: {
          metaApp: async () => ({ appId: '1', appSecret: SECRET, verifyToken: 'v', stateSigningKey: 's' }),
        },
        ingest: {
          // the record travels with the events; the delivery-log worker stores it after the answer
          handOff: async (events, d) => void (published.push(...events), logged.push(d)),
          handOffEvents: async (events) => void published.push(...events),
        },
        parked: { park: async (d) => void logged.push(d) },
        metrics,
      },
      { rawBody: raw, signature256: `sha256=${createHmac('sha256', SECRET).update(raw).digest('hex')}` },
    );
    return { outcome, published, logged, metrics };
  };

  it('a reaction alone: nothing handed off, the drop in the log', async () => {
    const { outcome, published, logged, metrics } = await run(body('messenger-reaction.json'));
    expect(outcome).toMatchObject({ status: 200, reason: 'unhandled_fields_dropped', eventCount: 0 });
    expect(metrics.byDimensions('webhookDeliveries')).toEqual([
      { dimensions: { Outcome: 'dropped' }, total: 1 },
    ]);
    expect(published).toEqual([]);
    expect(logged).toEqual([expect.objectContaining({ dropped: { reaction: 1 }, fields: {} })]);
  });

  it('a reaction beside a message: the message handed off, the reaction counted', async () => {
    const message = body('messenger-message.json') as { entry: Array<{ messaging: unknown[] }> };
    const reaction = body('messenger-reaction.json') as { entry: Array<{ messaging: unknown[] }> };
    const both = {
      ...message,
      entry: [
        { ...message.entry[0], messaging: [...message.entry[0]!.messaging, ...reaction.entry[0]!.messaging] },
      ],
    };
    const { outcome, published, logged, metrics } = await run(both);
    expect(outcome).toMatchObject({ reason: 'handed_off_unhandled_fields_dropped', eventCount: 1 });
    expect(metrics.byDimensions('webhookDeliveries')).toEqual([
      { dimensions: { Outcome: 'handed_off' }, total: 1 },
    ]);
    expect(published).toHaveLength(1);
    expect(logged[0]).toMatchObject({ fields: { messages: 1 }, dropped: { reaction: 1 } });
  });
});
