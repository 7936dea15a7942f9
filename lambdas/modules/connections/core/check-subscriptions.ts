/**
 * Daily: Meta silently unsubscribes a Page (messaging failures for an hour, a role change), so every
 * selected Page's `subscribed_apps` is read back and re-subscribed where fields are missing; the drift
 * goes into the tenant's audit log. What a Page should carry is the union of the fields every live
 * selection of it needs (page-subscription-union.ts), whichever tenant's token does the check.
 */
import type { AssetRoute, SubscriptionCheckDeps } from '../ports';
import { MetaGraphError, classifyGraphError } from '../../../platform/core/graph/graph-error';
import { expireOnTokenError } from '../contracts/token-refusal';
import { pageFieldsForFeatures } from '../../../core/webhooks/page-subscription-fields';
import { pageFieldUnion } from './page-subscription-union';
import { recordAudit } from '../../../platform/core/record-audit';

export interface PageCheck {
  tenantId: string;
  connectionId: string;
  pageId: string;
  outcome: 'in_sync' | 'resubscribed' | 'skipped' | 'failed';
  reason: string;
  missingFields?: string[];
}

export async function checkSubscriptions(deps: SubscriptionCheckDeps): Promise<PageCheck[]> {
  const out: PageCheck[] = [];
  for (const route of await deps.connections.listSelected('pages')) out.push(await checkOne(deps, route));
  return out;
}

async function checkOne(deps: SubscriptionCheckDeps, route: AssetRoute): Promise<PageCheck> {
  const base = { tenantId: route.tenantId, connectionId: route.connectionId, pageId: route.assetId };
  const now = deps.clock.now().toISOString();
  const connection = await deps.connections.get(route.tenantId, route.connectionId);
  if (!connection || connection.status === 'revoked' || connection.status === 'expired') {
    return { ...base, outcome: 'skipped', reason: 'connection_not_active' };
  }
  if (pageFieldsForFeatures(connection.features).length === 0)
    return { ...base, outcome: 'skipped', reason: 'no_webhook_features' };
  const wanted = (await pageFieldUnion(deps.connections, route.assetId)).fields;
  const rec = await deps.connections.getPageToken(route.tenantId, route.connectionId, route.assetId);
  if (!rec) return { ...base, outcome: 'skipped', reason: 'page_token_missing' };
  const ctx = { tenantId: route.tenantId, connectionId: route.connectionId };
  try {
    const token = await deps.vault.decrypt(rec.ciphertext, ctx);
    const current = await deps.graph.pageSubscription(route.assetId, token);
    const missing = wanted.filter((f) => !current.includes(f));
    let result: PageCheck;
    if (missing.length === 0) {
      result = { ...base, outcome: 'in_sync', reason: 'subscription_present' };
    } else {
      await deps.graph.subscribePage(route.assetId, token, [...new Set([...current, ...wanted])]);
      result = {
        ...base,
        outcome: 'resubscribed',
        reason: current.length === 0 ? 'app_unsubscribed' : 'fields_missing',
        missingFields: missing,
      };
      await recordAudit(deps, {
        tenantId: route.tenantId,
        at: now,
        actor: 'system:subscription-check',
        action: 'subscription.drift',
        target: `page:${route.assetId}`,
        result: 'success',
        reason: result.reason,
        details: { missingFields: missing, resubscribedFields: wanted },
      });
    }
    await deps.pageHealth.updatePageHealth(route.tenantId, route.connectionId, route.assetId, {
      lastSubscriptionCheck: { at: now, outcome: result.outcome },
    });
    return result;
  } catch (err) {
    await expireOnTokenError(deps, connection, err, 'system:subscription-check');
    const reason =
      err instanceof MetaGraphError ? classifyGraphError(err.httpStatus, err.body).reason : 'error';
    await deps.pageHealth.updatePageHealth(route.tenantId, route.connectionId, route.assetId, {
      lastSubscriptionCheck: { at: now, outcome: `failed_${reason}` },
    });
    return { ...base, outcome: 'failed', reason };
  }
}
