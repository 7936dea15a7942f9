/**
 * Scheduled inbox sync. Comments: for every selected Page and Instagram account of a connection with
 * the inbox enabled, read the comments of the most recent posts since the asset's watermark and store
 * what no webhook brought (the same idempotent path as webhooks, so nothing is stored twice and a comment
 * found here is announced like any other). WhatsApp: the accounts of selected numbers are (re)subscribed to
 * the app's webhooks and their templates synced, so a template reply is checked against Meta's current
 * approval status.
 */
import type { InboxConnection, AssetRoute, InboxDeps, GraphComment } from '../ports';
import { tokenRefused } from '../../../platform/core/graph/token-refused';
import { loadRetention } from '../../../platform/core/retention-policy';
import { applyInboxEvent } from './apply-event';
import type { InboxEvent } from './normalize';

/** Re-read a little before the watermark: Meta's clock and ours differ, and a comment may land late. */
export const SYNC_OVERLAP_MS = 10 * 60_000;
/** Look-back on an asset's first run. */
export const SYNC_FIRST_LOOKBACK_MS = 48 * 3_600_000;

export interface AssetSyncResult {
  tenantId: string;
  connectionId: string;
  assetId: string;
  outcome: string;
  fetched: number;
  stored: number;
}

export interface InboxSyncSummary {
  assets: AssetSyncResult[];
  templates: Array<{ tenantId: string; wabaId: string; outcome: string; count: number }>;
}

const byConnection = (routes: AssetRoute[]) => {
  const out = new Map<string, AssetRoute[]>();
  for (const r of routes) {
    const key = `${r.tenantId} ${r.connectionId}`;
    out.set(key, [...(out.get(key) ?? []), r]);
  }
  return out;
};

export async function syncInbox(deps: InboxDeps): Promise<InboxSyncSummary> {
  const summary: InboxSyncSummary = { assets: [], templates: [] };
  const routes = [
    ...(await deps.connections.listSelected('pages')),
    ...(await deps.connections.listSelected('instagramAccounts')),
  ];
  for (const group of byConnection(routes).values()) {
    const { tenantId, connectionId } = group[0]!;
    const connection = await deps.connections.get(tenantId, connectionId);
    if (!usable(connection) || !connection.features.includes('inbox')) continue;
    for (const route of group) summary.assets.push(await syncAsset(deps, connection, route));
  }
  const numbers = await deps.connections.listSelected('whatsappNumbers');
  for (const group of byConnection(numbers).values()) {
    const { tenantId, connectionId } = group[0]!;
    const connection = await deps.connections.get(tenantId, connectionId);
    if (!usable(connection) || !connection.features.includes('whatsapp')) continue;
    summary.templates.push(
      ...(await syncTemplates(
        deps,
        connection,
        group.map((r) => r.assetId),
      )),
    );
  }
  return summary;
}

function usable(c: InboxConnection | undefined): c is InboxConnection {
  return !!c && (c.status === 'active' || c.status === 'expiring') && !!c.userTokenCiphertext;
}

async function syncAsset(
  deps: InboxDeps,
  connection: InboxConnection,
  route: AssetRoute,
): Promise<AssetSyncResult> {
  const { tenantId, connectionId } = connection;
  const result: AssetSyncResult = {
    tenantId,
    connectionId,
    assetId: route.assetId,
    outcome: 'ok',
    fetched: 0,
    stored: 0,
  };
  const instagram = route.assetType === 'instagramAccounts';
  const catalog = await deps.connections.getAssets(tenantId, connectionId);
  const pageId = instagram
    ? catalog?.instagramAccounts.find((a) => a.id === route.assetId)?.pageId
    : route.assetId;
  const tokenCiphertext = pageId
    ? await deps.connections.pageToken(tenantId, connectionId, pageId)
    : undefined;
  if (!tokenCiphertext) return { ...result, outcome: 'page_token_missing' };
  const token = await deps.vault.decrypt(tokenCiphertext, { tenantId, connectionId });
  const key = `comments#${route.assetId}`;
  const watermark = await deps.syncState.getWatermark(tenantId, connectionId, key);
  const now = deps.clock.now();
  const since = watermark
    ? new Date(Date.parse(watermark) - SYNC_OVERLAP_MS)
    : new Date(now.getTime() - SYNC_FIRST_LOOKBACK_MS);
  const retention = await loadRetention(deps.settings, tenantId);
  let newest = watermark ?? null;
  try {
    const g = deps.inboxGraph;
    const objects = instagram
      ? await g.recentMediaIds(route.assetId, token)
      : await g.recentPostIds(route.assetId, token);
    for (const objectId of objects) {
      const comments = instagram
        ? (await g.mediaComments(objectId, token)).filter((x) => x.createdTime >= since)
        : await g.postComments(objectId, token, since);
      for (const comment of comments) {
        result.fetched++;
        const ev = commentEvent(instagram, route.assetId, objectId, comment);
        const applied = await applyInboxEvent(deps, connection, ev, retention, 'sync');
        if (applied.outcome === 'created') result.stored++;
        const at = comment.createdTime.toISOString();
        if (!newest || at > newest) newest = at;
      }
    }
  } catch (err) {
    const tokenReason = await tokenRefused(deps, connection, err, 'system:inbox-sync');
    // one throttled asset must not stop the others; the next run starts from the same watermark
    return {
      ...result,
      outcome: tokenReason ? `token_${tokenReason}` : `failed_${err instanceof Error ? err.name : 'error'}`,
    };
  }
  if (newest && newest !== watermark) await deps.syncState.saveWatermark(tenantId, connectionId, key, newest);
  return result;
}

/** A comment read from the Graph API, in the same shape a webhook gives it. */
export function commentEvent(
  instagram: boolean,
  assetId: string,
  objectId: string,
  c: GraphComment,
): Extract<InboxEvent, { type: 'content' }> {
  const isRoot = !c.parentId || c.parentId === objectId;
  const fromBusiness = c.fromId === assetId;
  const at = c.createdTime.getTime();
  return {
    type: 'content',
    channel: instagram ? 'instagram_comment' : 'facebook_comment',
    assetId,
    threadKey: isRoot ? c.id : c.parentId!,
    metaId: c.id,
    direction: fromBusiness ? 'outbound' : 'inbound',
    kind: 'comment',
    authorId: c.fromId,
    contact: c.fromId && !fromBusiness ? { id: c.fromId, name: c.fromName, fromRoot: isRoot } : null,
    postId: objectId,
    parentMetaId: isRoot ? null : c.parentId,
    text: c.text,
    attachments: [],
    at,
    createdAt: at,
    edit: false,
  };
}

async function syncTemplates(deps: InboxDeps, connection: InboxConnection, numberIds: string[]) {
  const { tenantId, connectionId } = connection;
  const catalog = await deps.connections.getAssets(tenantId, connectionId);
  const wabas = [
    ...new Set(
      numberIds
        .map((id) => catalog?.whatsappNumbers.find((n) => n.id === id)?.wabaId)
        .filter((x): x is string => !!x),
    ),
  ];
  const token = await deps.vault.decrypt(connection.userTokenCiphertext!, { tenantId, connectionId });
  const out: InboxSyncSummary['templates'] = [];
  for (const wabaId of wabas) {
    try {
      // WhatsApp sends a WABA's webhooks only to apps subscribed to it; Meta may drop it silently
      await deps.inboxGraph.subscribeWaba(wabaId, token);
      const templates = await deps.inboxGraph.listTemplates(wabaId, token);
      const syncedAt = deps.clock.now().toISOString();
      await deps.replies.saveTemplates(
        tenantId,
        templates.map((t) => ({
          wabaId,
          connectionId,
          name: t.name,
          language: t.language,
          status: t.status,
          category: t.category,
          parameterCount: new Set((t.bodyText ?? '').match(/\{\{[^}]+\}\}/g) ?? []).size,
          syncedAt,
        })),
      );
      out.push({ tenantId, wabaId, outcome: 'ok', count: templates.length });
    } catch (err) {
      const tokenReason = await tokenRefused(deps, connection, err, 'system:inbox-sync');
      out.push({ tenantId, wabaId, outcome: tokenReason ? `token_${tokenReason}` : 'failed', count: 0 });
    }
  }
  return out;
}
