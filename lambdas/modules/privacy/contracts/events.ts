/**
 * The public events of the privacy module (docs/events.md lists them with every other module's). Built
 * through {@link privacyEvent}: a field the contract does not name never leaves.
 */
import * as z from '../../../platform/contracts/zod';
import { eventBuilder, eventFields, type EventContract } from '../../../platform/contracts/event-contract';

const { id } = eventFields;

export const PRIVACY_EVENTS = {
  'deletion.completed': {
    description: "A connection's Meta data was purged (disconnect, data deletion request).",
    payload: z.object({
      connectionId: id,
      confirmationCode: id,
      deletedItems: z.number().check(z.int(), z.minimum(0)),
      keptLeads: z.boolean().check(z.describe('the tenant keeps CRM leads after a disconnect')),
    }),
    example: {
      connectionId: 'con_01jg8zq0d9m2rq1c3w7z1a2b3c',
      confirmationCode: 'dlc_4f7d2a9b1c3e',
      deletedItems: 1342,
      keptLeads: false,
    },
  },
} as const satisfies Record<string, EventContract>;

export type PrivacyEventType = keyof typeof PRIVACY_EVENTS;

export const privacyEvent = eventBuilder(PRIVACY_EVENTS);
