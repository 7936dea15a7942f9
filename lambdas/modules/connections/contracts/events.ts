/**
 * The public events of the connections module (docs/events.md lists them with every other module's).
 * Built through {@link connectionEvent}: a field the contract does not name never leaves.
 */
import * as z from '../../../platform/contracts/zod';
import { FEATURES } from '../../../core/scopes/scope-registry';
import { eventBuilder, eventFields, type EventContract } from '../../../platform/contracts/event-contract';

const { id, nullableString } = eventFields;

export const CONNECTION_EVENTS = {
  'connection.connected': {
    description: 'A Meta account was connected (or reconnected) after the person consented.',
    payload: z.object({
      connectionId: id,
      metaUserId: id,
      features: z.array(z.enum(FEATURES)),
      grantedScopes: z.array(z.string()),
      missingFeatures: z
        .array(z.enum(FEATURES))
        .check(z.describe('features whose permissions were not granted')),
    }),
    example: {
      connectionId: 'con_01jg8zq0d9m2rq1c3w7z1a2b3c',
      metaUserId: '10231947650218873',
      features: ['leads', 'inbox'],
      grantedScopes: ['leads_retrieval', 'pages_show_list', 'pages_manage_metadata', 'pages_messaging'],
      missingFeatures: [],
    },
  },
  'connection.expiring': {
    description:
      "The connection's user token or Meta's data access expires soon: sent 7, 3 and 1 days before, once each.",
    payload: z.object({
      connectionId: id,
      tokenExpiresAt: nullableString,
      dataAccessExpiresAt: nullableString,
      expiresAt: z.string().check(z.describe('whichever of the two comes first')),
      limitedBy: z.enum(['token', 'data_access']),
      daysLeft: z.number().check(z.int(), z.minimum(0)),
      threshold: z.number().check(z.int(), z.describe('the warning this is: 7, 3 or 1')),
    }),
    example: {
      connectionId: 'con_01jg8zq0d9m2rq1c3w7z1a2b3c',
      tokenExpiresAt: '2026-11-27T08:00:00.000Z',
      dataAccessExpiresAt: '2027-02-18T08:00:00.000Z',
      expiresAt: '2026-11-27T08:00:00.000Z',
      limitedBy: 'token',
      daysLeft: 6,
      threshold: 7,
    },
  },
  'connection.expired': {
    description: 'Meta no longer accepts the connection’s token; the person must reconnect.',
    payload: z.object({
      connectionId: id,
      reason: z.string().check(z.describe('e.g. password_changed, expired')),
    }),
    example: { connectionId: 'con_01jg8zq0d9m2rq1c3w7z1a2b3c', reason: 'password_changed' },
  },
  'connection.revoked': {
    description: 'The app was removed at Meta (deauthorize callback) or the tenant disconnected.',
    payload: z.object({ connectionId: id, reason: z.string() }),
    example: { connectionId: 'con_01jg8zq0d9m2rq1c3w7z1a2b3c', reason: 'deauthorized' },
  },
} as const satisfies Record<string, EventContract>;

export type ConnectionEventType = keyof typeof CONNECTION_EVENTS;

export const connectionEvent = eventBuilder(CONNECTION_EVENTS);
