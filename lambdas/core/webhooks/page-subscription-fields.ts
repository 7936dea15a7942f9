import type { Feature } from '../scopes/scope-registry';

/**
 * Page webhook fields each feature needs (a Page carries the union over every selection of it:
 * page-subscription-union.ts). Exactly what the inbox acts on (handled-fields.ts): comments (`feed`),
 * messages and echoes, delivery and read receipts, button presses (`messaging_postbacks`), edits
 * (`message_edits`), and what arrives while another app owns the thread (`standby`); and for content
 * sync the Page's own posts (`feed` too). Message reactions are not kept, so `message_reactions` is not
 * asked for.
 * https://developers.facebook.com/documentation/business-messaging/messenger-platform/webhooks/webhook-events
 */
const FIELDS: Partial<Record<Feature, string[]>> = {
  leads: ['leadgen'],
  // the Page's own new posts reach content sync at once; the daily sync heals what a webhook missed
  insights: ['feed'],
  inbox: [
    'feed',
    'messages',
    'message_echoes',
    'message_deliveries',
    'message_reads',
    'messaging_postbacks',
    'message_edits',
    'standby',
  ],
};

export function pageFieldsForFeatures(features: readonly Feature[]): string[] {
  return [...new Set(features.flatMap((f) => FIELDS[f] ?? []))].sort();
}
