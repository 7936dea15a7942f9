/**
 * A business revokes one asset of a connection (a Page, an Instagram account, an ad account, a lead form,
 * a WhatsApp number) without disconnecting the rest: the service stops acting on it at once (out of the
 * selection, its webhook subscription dropped where no other selection needs it, its Page token deleted,
 * out of the catalog so it cannot be picked again without a refresh from Meta) and the data kept for it
 * is purged by the deletion worker. A Page takes its lead forms with it; the last selected number of a
 * WhatsApp Business account takes the account's message templates with it (they are kept for its numbers).
 */
import { DomainError, notFound } from '../../../platform/core/errors';
import { sendCommand } from '../../../platform/contracts/command-contract';
import { AssetPurgeRequested } from '../../privacy/contracts/commands';
import type { RevokeAssetDeps } from '../ports';
import { ASSET_KINDS, type AssetCatalog, type AssetKind, type AssetSelection } from './assets';
import type { ConnectionRecord } from '../contracts/connection';
import { requireConnection, selectAssets } from './manage-connections';
import { recordAudit } from '../../../platform/core/record-audit';

/** what selectAssets asks of a connection before it calls Meta */
const usable = (c: ConnectionRecord) =>
  c.status !== 'revoked' && c.status !== 'expired' && Boolean(c.userTokenCiphertext);

function kindOf(catalog: AssetCatalog, assetId: string): AssetKind | undefined {
  return ASSET_KINDS.find((k) => catalog[k].some((a) => a.id === assetId));
}

/**
 * The WhatsApp Business account a revoked number leaves with no selected number: the data kept for the
 * account (its message templates) served only its selected numbers, and the templates API already
 * answers 404 for it once none is left.
 */
function accountsLeftWithoutNumbers(catalog: AssetCatalog, numberId: string, next: AssetSelection): string[] {
  const wabaOf = (id: string) => catalog.whatsappNumbers.find((n) => n.id === id)?.wabaId;
  const wabaId = wabaOf(numberId);
  if (!wabaId) return [];
  return next.whatsappNumbers.some((id) => wabaOf(id) === wabaId) ? [] : [wabaId];
}

export async function revokeAsset(
  deps: RevokeAssetDeps,
  tenantId: string,
  connectionId: string,
  assetId: string,
  actor: string,
) {
  const c = await requireConnection(deps, tenantId, connectionId);
  if (c.status === 'revoked')
    throw new DomainError(
      'conflict',
      'The connection is disconnected; its data is purged with it',
      'connection_revoked',
    );
  const catalog = await deps.connections.getAssets(tenantId, connectionId);
  const kind = catalog ? kindOf(catalog, assetId) : undefined;
  if (!catalog || !kind) throw notFound(`Asset ${assetId} of connection ${connectionId}`);
  const withIt =
    kind === 'pages' ? catalog.leadForms.filter((f) => f.pageId === assetId).map((f) => f.id) : [];
  const gone = new Set([assetId, ...withIt]);
  const next = Object.fromEntries(
    ASSET_KINDS.map((k) => [k, c.selection[k].filter((id) => !gone.has(id))]),
  ) as AssetSelection;
  const accountsReleased =
    kind === 'whatsappNumbers' ? accountsLeftWithoutNumbers(catalog, assetId, next) : [];

  let unsubscribed: string[] = [];
  const wasSelected = ASSET_KINDS.some((k) => c.selection[k].length !== next[k].length);
  if (wasSelected && usable(c)) {
    unsubscribed = (await selectAssets(deps, tenantId, connectionId, next, actor)).unsubscribed;
  } else if (wasSelected) {
    // no token to reach Meta with: the service stops routing to it, Meta's subscription lapses with the token
    await deps.connections.saveSelection(tenantId, connectionId, next, c.selection);
    await deps.connections.update({ ...c, selection: next, updatedAt: deps.clock.now().toISOString() });
  }
  const remaining = Object.fromEntries(
    ASSET_KINDS.map((k) => [k, catalog[k].filter((a: { id: string }) => !gone.has(a.id))]),
  ) as unknown as AssetCatalog;
  await deps.connections.saveAssets(tenantId, connectionId, remaining);
  const pageTokenDeleted =
    kind === 'pages' ? await deps.connections.deletePageToken(tenantId, connectionId, assetId) : false;

  await sendCommand(deps.commands, AssetPurgeRequested, {
    tenantId,
    connectionId,
    assetIds: [...gone, ...accountsReleased],
    requestedBy: actor,
  });
  const now = deps.clock.now().toISOString();
  await recordAudit(deps, {
    tenantId,
    at: now,
    actor,
    action: 'asset.revoke',
    target: `connection:${connectionId}`,
    result: 'success',
    reason: 'revoked_by_tenant',
    details: { assetId, kind, withIt, accountsReleased, unsubscribed, pageTokenDeleted },
  });
  return { assetId, kind, alsoRevoked: withIt, unsubscribed, pageTokenDeleted, purge: 'queued' as const };
}
