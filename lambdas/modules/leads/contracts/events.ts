/**
 * The public events of the leads module (docs/events.md lists them with every other module's). Built
 * through {@link leadEvent}: a field the contract does not name never leaves.
 */
import * as z from '../../../platform/contracts/zod';
import { eventBuilder, eventFields, type EventContract } from '../../../platform/contracts/event-contract';

const { id, isoTime, nullableString } = eventFields;

const Attribution = z.object({
  adId: nullableString,
  adsetId: nullableString,
  campaignId: nullableString,
  adName: nullableString,
  adsetName: nullableString,
  campaignName: nullableString,
  isOrganic: z.boolean(),
  platform: nullableString,
});

export const LEAD_EVENTS = {
  'lead.created': {
    description:
      'A Lead Ads lead was stored (from the webhook, the reconciliation or a backfill). The only event that ' +
      'carries personal data: the mapped form fields are the point of it.',
    payload: z.object({
      leadId: id,
      leadgenId: id,
      connectionId: id,
      formId: id,
      pageId: id,
      createdAt: isoTime.check(z.describe('when the person submitted the form, per Meta')),
      fields: z.record(z.string(), z.string()).check(z.describe('mapped answers: CRM field → value')),
      customFields: z
        .record(z.string(), z.string())
        .check(z.describe('answers no mapping names, by question key')),
      attribution: Attribution,
      source: z.enum(['webhook', 'reconciliation', 'backfill']),
    }),
    example: {
      leadId: 'lead_880011223344556',
      leadgenId: '880011223344556',
      connectionId: 'con_01jg8zq0d9m2rq1c3w7z1a2b3c',
      formId: '771234567890123',
      pageId: '104729384756123',
      createdAt: '2026-11-20T09:14:58.000Z',
      fields: { email: 'ana@example.com', full_name: 'Ana Silva' },
      customFields: { preferred_day: 'saturday' },
      attribution: {
        adId: '120214538870680043',
        adsetId: '120214538870640043',
        campaignId: '120214538870610043',
        adName: 'Open day – carousel',
        adsetName: 'Lisbon 25–55',
        campaignName: 'Winter open day',
        isOrganic: false,
        platform: 'fb',
      },
      source: 'webhook',
    },
  },
  'lead.status-changed': {
    description: "A lead's CRM status changed through PATCH /leads/{id}.",
    payload: z.object({ leadId: id, leadgenId: id, from: z.string(), to: z.string() }),
    example: { leadId: 'lead_880011223344556', leadgenId: '880011223344556', from: 'new', to: 'qualified' },
  },
  'lead.erased': {
    description:
      "A lead was erased at the business's request (DELETE /leads/{id}), e.g. the person asked for it: delete " +
      'your copy. Nothing personal is in it; the same lead is never stored again.',
    payload: z.object({ leadId: id, leadgenId: id, connectionId: id, formId: id }),
    example: {
      leadId: 'lead_880011223344556',
      leadgenId: '880011223344556',
      connectionId: 'con_01jg8zq0d9m2rq1c3w7z1a2b3c',
      formId: '771234567890123',
    },
  },
} as const satisfies Record<string, EventContract>;

export type LeadEventType = keyof typeof LEAD_EVENTS;

export const leadEvent = eventBuilder(LEAD_EVENTS);
