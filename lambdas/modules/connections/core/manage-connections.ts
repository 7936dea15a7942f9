/**
 * Reading connections and their assets, and changing the selection. A resource of another tenant is
 * simply not found: the repository is keyed by tenant, so there is nothing to leak.
 */
import { DomainError, invalid, notFound } from '../../../platform/core/errors';
import { MetaGraphError, classifyGraphError } from '../../../platform/core/graph/graph-error';
import { problemFromGraph } from '../../../platform/core/graph/graph-problem';
import type { PageRequest } from '../../../platform/core/ports';
import { markExpired } from '../contracts/token-refusal';
import { pageFieldsForFeatures } from '../../../core/webhooks/page-subscription-fields';
import { pageFieldUnion } from './page-subscription-union';
import type { ConnectDeps } from '../ports';
import type { ConnectionRecord } from '../contracts/connection';
import { connectionView } from './connection';
import {
  diffPages,
  normalizeSelection,
  unknownSelections,
  type AssetCatalog,
  type AssetSelection,
} from './assets';
import { discoverAssets, grantedPages } from './discover-assets';
import { encryptPageTokens } from './page-tokens';
import { recordAudit } from '../../../platform/core/record-audit';

export { expireOnTokenError, markExpired } from '../contracts/token-refusal';

export async function listConnections(
  deps: Pick<ConnectDeps, 'connections'>,
  tenantId: string,
  page: PageRequest,
) {
  const result = await deps.connections.list(tenantId, page);
  return { items: result.items.map(connectionView), nextCursor: result.nextCursor };
}

export async function requireConnection(
  deps: Pick<ConnectDeps, 'connections'>,
  tenantId: string,
  connectionId: string,
): Promise<ConnectionRecord> {
  const c = await deps.connections.get(tenantId, connectionId);
  if (!c) throw notFound(`Connection ${connectionId}`);
  return c;
}

function requireUsable(c: ConnectionRecord): void {
  if (c.status === 'revoked' || c.status === 'expired' || !c.userTokenCiphertext) {
    throw new DomainError(
      'conflict',
      `Connection ${c.connectionId} is ${c.status}; connect the Meta account again`,
      `connection_${c.status}`,
    );
  }
}

/**
 * A Graph failure while acting for a connection: a token error means the person must reconnect, so the
 * connection is marked expired (and an event says so); the caller gets a problem it can show.
 */
export async function failFromGraph(
  deps: Pick<ConnectDeps, 'connections' | 'events' | 'audit' | 'clock' | 'ids'>,
  c: ConnectionRecord,
  err: unknown,
  actor: string,
): Promise<never> {
  if (!(err instanceof MetaGraphError)) throw err;
  throw await problemFromGraph(err, (reason) => markExpired(deps, c, reason, actor));
}

export async function getAssets(
  deps: ConnectDeps,
  tenantId: string,
  connectionId: string,
  opts: { refresh: boolean; actor: string },
): Promise<AssetCatalog> {
  const c = await requireConnection(deps, tenantId, connectionId);
  const stored = await deps.connections.getAssets(tenantId, connectionId);
  if (stored && !opts.refresh) return stored;
  requireUsable(c);
  const ctx = { tenantId, connectionId };
  const userToken = await deps.vault.decrypt(c.userTokenCiphertext!, ctx);
  try {
    const targets = c.grantedTargets ?? {};
    const pages = await grantedPages(deps.graph, userToken, c.grantedScopes, targets);
    const catalog = await discoverAssets(deps.graph, userToken, pages, c.grantedScopes, targets);
    await deps.connections.savePageTokens(
      tenantId,
      connectionId,
      await encryptPageTokens(deps.vault, ctx, pages),
    );
    await deps.connections.saveAssets(tenantId, connectionId, catalog);
    const now = deps.clock.now().toISOString();
    await deps.connections.update({ ...c, assetsSyncedAt: now, assetsSyncError: undefined, updatedAt: now });
    return catalog;
  } catch (err) {
    return failFromGraph(deps, c, err, opts.actor);
  }
}

export interface SelectionResult {
  selection: AssetSelection;
  subscribed: string[];
  unsubscribed: string[];
  subscribedFields: string[];
}

export async function selectAssets(
  deps: ConnectDeps,
  tenantId: string,
  connectionId: string,
  wanted: Partial<AssetSelection>,
  actor: string,
): Promise<SelectionResult> {
  const c = await requireConnection(deps, tenantId, connectionId);
  requireUsable(c);
  const catalog = await deps.connections.getAssets(tenantId, connectionId);
  if (!catalog) {
    throw new DomainError(
      'conflict',
      'The assets of this connection have not been listed yet; GET its assets first',
      'assets_not_loaded',
    );
  }
  const issues = unknownSelections(catalog, wanted);
  if (issues.length > 0)
    throw invalid('Some selected ids are not assets of this connection', issues, 'unknown_asset');

  const next = normalizeSelection(catalog, wanted);
  const diff = diffPages(c.selection, next);
  const fields = pageFieldsForFeatures(c.features);
  const ctx = { tenantId, connectionId };
  const subscribed: string[] = [];
  const unsubscribed: string[] = [];
  const pageFields: Record<string, string[]> = {};
  try {
    // the subscription is the app's: every Page carries the union of what each selection of it needs
    for (const pageId of fields.length > 0 ? diff.addedPages : []) {
      const union = await pageFieldUnion(deps.connections, pageId, {
        adding: { tenantId, connectionId, features: c.features },
      });
      const token = await pageToken(deps, ctx, pageId);
      await deps.graph.subscribePage(pageId, token, union.fields);
      pageFields[pageId] = union.fields;
      subscribed.push(pageId);
    }
    for (const pageId of diff.removedPages) {
      // another tenant (an agency and the business itself) may still rely on this Page's subscription
      const union = await pageFieldUnion(deps.connections, pageId, { without: { tenantId, connectionId } });
      const token = await pageToken(deps, ctx, pageId);
      if (union.selections > 0) {
        await deps.graph.subscribePage(pageId, token, union.fields);
        pageFields[pageId] = union.fields;
        continue;
      }
      await deps.graph.unsubscribePage(pageId, token);
      unsubscribed.push(pageId);
    }
  } catch (err) {
    await recordAudit(deps, {
      tenantId,
      actor,
      action: 'selection.update',
      target: `connection:${connectionId}`,
      result: 'failure',
      reason:
        err instanceof MetaGraphError
          ? classifyGraphError(err.httpStatus, err.body).reason
          : 'subscription_failed',
      details: { subscribed, unsubscribed },
    });
    return failFromGraph(deps, c, err, actor);
  }

  await deps.connections.saveSelection(tenantId, connectionId, next, c.selection);
  const now = deps.clock.now().toISOString();
  await deps.connections.update({ ...c, selection: next, updatedAt: now });
  await recordAudit(deps, {
    tenantId,
    at: now,
    actor,
    action: 'selection.update',
    target: `connection:${connectionId}`,
    result: 'success',
    details: { selection: next, subscribed, unsubscribed, subscribedFields: fields, pageFields },
  });
  return { selection: next, subscribed, unsubscribed, subscribedFields: fields };
}

async function pageToken(
  deps: Pick<ConnectDeps, 'connections' | 'vault'>,
  ctx: { tenantId: string; connectionId: string },
  pageId: string,
): Promise<string> {
  const rec = await deps.connections.getPageToken(ctx.tenantId, ctx.connectionId, pageId);
  if (!rec) {
    throw new DomainError(
      'conflict',
      `No Page token for ${pageId}; reconnect and pick this Page in Meta's dialog`,
      'page_token_missing',
    );
  }
  return deps.vault.decrypt(rec.ciphertext, ctx);
}
