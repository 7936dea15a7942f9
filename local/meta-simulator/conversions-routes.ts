/**
 * Conversions API for CRM (Conversion Leads): `POST /{dataset-id}/events` with CRM stage events that point
 * at a lead. One invalid event rejects the whole request, as Meta does; accepted
 * events are kept in the world for tests to read back.
 */
import { GraphError, GraphErrors } from './graph-errors';
import type { GraphContext, GraphRouteRegistry } from './route-registry';
import { requireScope } from './token-auth';
import { CONVERSIONS_CONTRACTS } from './contracts';

const SEVEN_DAYS = 7 * 24 * 3600;
const MAX_EVENTS = 1000;

function invalidEvent(index: number, title: string, detail: string, subcode?: number): GraphError {
  return new GraphError({
    code: 100,
    message: 'Invalid parameter',
    userTitle: title,
    userMsg: `Event ${index}: ${detail}`,
    ...(subcode !== undefined ? { subcode } : {}),
  });
}

function validateEvent(ctx: GraphContext, raw: unknown, index: number): Record<string, unknown> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw invalidEvent(index, 'Invalid event', 'each element of data must be an object.');
  }
  const e = raw as Record<string, unknown>;
  if (typeof e.event_name !== 'string' || e.event_name.trim() === '') {
    throw invalidEvent(index, 'Missing event_name', 'The parameter event_name is required.');
  }
  const time =
    typeof e.event_time === 'string' && /^\d+$/.test(e.event_time) ? Number(e.event_time) : e.event_time;
  if (typeof time !== 'number' || !Number.isInteger(time)) {
    throw invalidEvent(index, 'Invalid event_time', 'event_time must be a Unix timestamp in seconds.');
  }
  if (time < ctx.now - SEVEN_DAYS) {
    // subcode as Meta reports "event time too old" (Meta's exact wording is not documented)
    throw invalidEvent(
      index,
      'Event Timestamp Too Old',
      'The timestamp for this event is more than 7 days in the past. Events must be sent within 7 days of when they occurred.',
      2804003,
    );
  }
  if (time > ctx.now + 60) {
    throw invalidEvent(index, 'Event Timestamp In The Future', 'event_time is in the future.');
  }
  if (e.action_source !== 'system_generated') {
    throw invalidEvent(
      index,
      'Invalid action_source',
      'CRM events must use action_source "system_generated".',
    );
  }
  const userData = (e.user_data ?? {}) as Record<string, unknown>;
  const leadId = userData.lead_id;
  if (leadId === undefined || leadId === null || leadId === '') {
    throw invalidEvent(index, 'Missing lead_id', 'user_data.lead_id is required for Conversion Leads.');
  }
  if (!ctx.world.leads.has(String(leadId))) {
    throw invalidEvent(
      index,
      'Invalid lead_id',
      `user_data.lead_id ${String(leadId)} does not match any lead.`,
    );
  }
  const customData = (e.custom_data ?? {}) as Record<string, unknown>;
  if (customData.event_source !== 'crm') {
    throw invalidEvent(index, 'Invalid event_source', 'custom_data.event_source must be "crm".');
  }
  return e;
}

function receiveEvents(ctx: GraphContext): unknown {
  const datasetId = ctx.params.id ?? '';
  requireScope(ctx.auth, 'ads_management');
  const data = ctx.args.json('data');
  if (!Array.isArray(data) || data.length === 0)
    throw GraphErrors.invalidParameter('(#100) param data must be a non-empty array.');
  if (data.length > MAX_EVENTS)
    throw GraphErrors.invalidParameter(`(#100) param data must have at most ${MAX_EVENTS} events.`);
  const events = data.map((e, i) => validateEvent(ctx, e, i));
  const testEventCode = ctx.args.str('test_event_code') ?? null;
  for (const event of events) {
    ctx.world.conversionEvents.push({ datasetId, receivedAt: ctx.now, testEventCode, event });
  }
  return { events_received: events.length, messages: [], fbtrace_id: ctx.core.traceId() };
}

export function registerConversionRoutes(r: GraphRouteRegistry): void {
  r.on(CONVERSIONS_CONTRACTS.events, receiveEvents, (p, w) => w.datasets.has(p.id ?? ''));
}
