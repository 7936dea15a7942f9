/**
 * Scheduled status sync of every campaign created through the service: Meta's effective status, its
 * delivery issues and spend to date come back into the record; a change of status or issues is
 * announced with `campaign.status-changed`, with what changed. A campaign someone paused or restarted in
 * Ads Manager follows Meta. Each ad account is paced by the usage Meta reports; one that Meta asked to wait
 * is left for the next run, and a connection whose token died is marked expired and skipped.
 */
import { adAccountPacer } from '../../../platform/core/graph/ad-account-pace';
import { campaignEvent } from '../contracts/events';
import type { AdsConnection, AdsDeps } from '../ports';
import type { CampaignRecord } from './campaign';
import { tokenRefused } from '../../../platform/core/graph/token-refused';
import { recordAudit } from '../../../platform/core/record-audit';

export interface StatusSyncSummary {
  campaigns: number;
  changed: number;
  /** ad accounts left for the next run, with why */
  skipped: Array<{ adAccountId: string; reason: string }>;
}

const PAUSED_AT_META = new Set(['PAUSED', 'CAMPAIGN_PAUSED', 'ARCHIVED', 'DELETED']);

async function managedCampaigns(deps: AdsDeps, c: AdsConnection): Promise<CampaignRecord[]> {
  const out: CampaignRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.campaigns.list(c.tenantId, { limit: 200, cursor });
    out.push(...page.items.filter((x) => x.connectionId === c.connectionId && x.meta.campaignId));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

export async function syncCampaignStatus(deps: AdsDeps): Promise<StatusSyncSummary> {
  const summary: StatusSyncSummary = { campaigns: 0, changed: 0, skipped: [] };
  for (const connection of await deps.connections.all()) {
    if (!connection.userTokenCiphertext || connection.status === 'expired' || connection.status === 'revoked')
      continue;
    const mine = await managedCampaigns(deps, connection);
    if (mine.length === 0) continue;
    const token = await deps.vault.decrypt(connection.userTokenCiphertext, {
      tenantId: connection.tenantId,
      connectionId: connection.connectionId,
    });
    const byAccount = new Map<string, CampaignRecord[]>();
    for (const c of mine) byAccount.set(c.adAccountId, [...(byAccount.get(c.adAccountId) ?? []), c]);
    accounts: for (const [adAccountId, campaigns] of byAccount) {
      const pacer = adAccountPacer(deps, {
        tenantId: connection.tenantId,
        connectionId: connection.connectionId,
        adAccountId,
        bucket: 'ads_management',
      });
      for (const c of campaigns) {
        const pace = await pacer.settle();
        if (!pace.go) {
          summary.skipped.push({ adAccountId, reason: pace.reason });
          continue accounts;
        }
        try {
          if (await syncOne(deps, c, token, pacer.observe)) summary.changed++;
          summary.campaigns++;
        } catch (err) {
          if (await tokenRefused(deps, connection, err, 'system:campaign-status')) break accounts;
          const throttled = await pacer.refused(err);
          if (throttled) {
            summary.skipped.push({ adAccountId, reason: throttled.reason });
            continue accounts;
          }
          throw err;
        }
      }
    }
  }
  return summary;
}

/** One campaign; true when its effective status or delivery issues changed. */
async function syncOne(
  deps: AdsDeps,
  c: CampaignRecord,
  token: string,
  observe: Parameters<AdsDeps['graph']['campaignStatus']>[2],
): Promise<boolean> {
  const now = deps.clock.now();
  const status = await deps.graph.campaignStatus(c.meta.campaignId!, token, observe);
  const spend = await deps.graph.campaignLifetimeSpend(c.meta.campaignId!, token, observe);
  const before = c.sync;
  await deps.campaigns.saveSync(c.tenantId, c.id, { ...status, spend, at: now.toISOString() });
  // someone paused or restarted it in Ads Manager: the record follows Meta (a conflict waits for the next run)
  const follows =
    c.status === 'active' && PAUSED_AT_META.has(status.effectiveStatus)
      ? 'paused'
      : c.status === 'paused' && c.launchedAt && status.effectiveStatus === 'ACTIVE'
        ? 'active'
        : null;
  if (follows) {
    const fresh = await deps.campaigns.get(c.tenantId, c.id);
    if (fresh && fresh.status === c.status)
      await deps.campaigns.putIf({ ...fresh, status: follows, updatedAt: now.toISOString() }, fresh.rev);
  }
  const differs =
    !before ||
    before.effectiveStatus !== status.effectiveStatus ||
    before.issues.join('|') !== status.issues.join('|');
  if (!differs) return false;
  // the tenant's record of what changed at Meta, and of the record following it
  await recordAudit(deps, {
    tenantId: c.tenantId,
    at: now,
    actor: 'meta',
    action: 'campaign.status-sync',
    target: `campaign:${c.id}`,
    result: 'success',
    reason: follows ? `followed_meta_${follows}` : 'meta_status_changed',
    details: {
      from: before?.effectiveStatus ?? null,
      to: status.effectiveStatus,
      issues: status.issues,
      ...(follows ? { statusNow: follows } : {}),
    },
  });
  await deps.events.publish([
    campaignEvent(
      'campaign.status-changed',
      c.tenantId,
      // stable for this change, so a re-run after a crash announces it under the same id
      `campaign.status-changed:${c.id}:${before?.at ?? 'first'}:${status.effectiveStatus}`,
      now,
      {
        campaignId: c.id,
        metaCampaignId: c.meta.campaignId ?? null,
        adAccountId: c.adAccountId,
        from: before?.effectiveStatus ?? null,
        to: status.effectiveStatus,
        issues: status.issues,
        spend,
        ...(follows ? { statusNow: follows } : {}),
      },
    ),
  ]);
  return true;
}
