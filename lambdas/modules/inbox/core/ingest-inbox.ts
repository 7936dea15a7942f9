/**
 * An inbox change from Meta (a comment, a message, an echo, a status, a watermark): normalized, then
 * routed by its asset — the Page, the Instagram account, or the WhatsApp phone number (not the WABA the
 * envelope names) — to every tenant that selected that asset, each outcome with its reason.
 */
import { loadRetention, type RetentionSettings } from '../../../platform/core/retention-policy';
import { applyInboxEvent } from './apply-event';
import type { InboxDeps } from '../ports';
import { CHANNEL_ASSET } from './inbox-model';
import { normalizeInbox, type IngestInput, type InboxEvent } from './normalize';

export type TenantOutcome = {
  tenantId: string;
  connectionId: string;
  outcome: string;
  reason: string;
};

export interface InboxEventResult {
  type: InboxEvent['type'];
  channel: string;
  outcome: 'routed' | 'unrouted';
  reason?: string;
  tenants: TenantOutcome[];
}

export interface InboxIngestResult {
  events: InboxEventResult[];
  ignored: string[];
}

export async function ingestInbox(deps: InboxDeps, input: IngestInput): Promise<InboxIngestResult> {
  const { events, ignored } = normalizeInbox(input, deps.clock.now().getTime());
  const results: InboxEventResult[] = [];
  const retention = new Map<string, RetentionSettings>();
  for (const ev of events) {
    const { assetType, feature } = CHANNEL_ASSET[ev.channel];
    const routes = (await deps.connections.routesFor(ev.assetId)).filter((r) => r.assetType === assetType);
    if (routes.length === 0) {
      results.push({
        type: ev.type,
        channel: ev.channel,
        outcome: 'unrouted',
        reason: 'asset_not_selected',
        tenants: [],
      });
      continue;
    }
    const tenants: TenantOutcome[] = [];
    for (const route of routes) {
      const who = { tenantId: route.tenantId, connectionId: route.connectionId };
      const connection = await deps.connections.get(route.tenantId, route.connectionId);
      if (!connection) {
        tenants.push({ ...who, outcome: 'skipped', reason: 'connection_gone' });
        continue;
      }
      // a revoked connection is waiting for its purge: nothing new may land behind it
      if (connection.status === 'revoked' || connection.deletionRequestedAt) {
        tenants.push({ ...who, outcome: 'skipped', reason: 'connection_revoked' });
        continue;
      }
      if (!connection.features.includes(feature)) {
        tenants.push({ ...who, outcome: 'skipped', reason: `${feature}_not_enabled` });
        continue;
      }
      let settings = retention.get(route.tenantId);
      if (!settings) {
        settings = await loadRetention(deps.settings, route.tenantId);
        retention.set(route.tenantId, settings);
      }
      const applied = await applyInboxEvent(deps, connection, ev, settings);
      tenants.push({ ...who, outcome: applied.outcome, reason: applied.reason });
    }
    results.push({ type: ev.type, channel: ev.channel, outcome: 'routed', tenants });
  }
  return { events: results, ignored };
}
