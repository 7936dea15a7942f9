/**
 * Scheduled status sync of every campaign created through the service: Meta's effective status, its
 * delivery issues and spend to date come back into the record; a change of status or issues is
 * announced with `campaign.status_changed`, with what changed.
 */
import { domainEvent } from '../events/domain-event';
import type { AdsDeps } from './manage-campaigns';

export async function syncCampaignStatus(deps: AdsDeps): Promise<{ campaigns: number; changed: number }> {
  let campaigns = 0;
  let changed = 0;
  const connections = await deps.connections.listAll({ limit: 200 });
  for (const connection of connections.items) {
    if (!connection.userTokenCiphertext || connection.status === 'expired' || connection.status === 'revoked')
      continue;
    const mine = (await deps.campaigns.list(connection.tenantId, { limit: 200 })).items.filter(
      (c) => c.connectionId === connection.connectionId && c.meta.campaignId,
    );
    if (mine.length === 0) continue;
    const token = await deps.vault.decrypt(connection.userTokenCiphertext, {
      tenantId: connection.tenantId,
      connectionId: connection.connectionId,
    });
    for (const c of mine) {
      campaigns++;
      const now = deps.clock.now();
      const status = await deps.graph.campaignStatus(c.meta.campaignId!, token);
      const days = await deps.graph.campaignDays(
        c.meta.campaignId!,
        token,
        c.createdAt.slice(0, 10),
        now.toISOString().slice(0, 10),
      );
      const spend = Math.round(days.reduce((n, d) => n + d.spend, 0) * 100) / 100;
      const before = c.sync;
      const differs =
        !before ||
        before.effectiveStatus !== status.effectiveStatus ||
        before.issues.join('|') !== status.issues.join('|');
      await deps.campaigns.put({ ...c, sync: { ...status, spend, at: now.toISOString() } });
      if (differs) {
        changed++;
        await deps.events.publish([
          domainEvent(
            'campaign.status_changed',
            c.tenantId,
            `campaign.status_changed:${c.id}:${status.effectiveStatus}:${now.toISOString()}`,
            now,
            {
              campaignId: c.id,
              metaCampaignId: c.meta.campaignId,
              from: before?.effectiveStatus ?? null,
              to: status.effectiveStatus,
              issues: status.issues,
              spend,
            },
          ),
        ]);
      }
    }
  }
  return { campaigns, changed };
}
