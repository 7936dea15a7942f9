/**
 * The deletion worker's job for one revoked asset: every item of the connection kept for it (leads of a
 * Page and its forms unless the tenant keeps CRM leads, conversations, messages and replies, synced
 * content and its figures, insight and inbox counters, campaigns of an ad account, the message templates of a
 * WhatsApp account whose last selected number went), then the tenant's
 * export files and the answers kept for `Idempotency-Key` retries (they hold copies). Resumable like the
 * connection purge: each pass re-reads what remains, and past its deadline it re-queues itself.
 */
import { sendCommand } from '../../../platform/contracts/command-contract';
import { loadRetention } from '../../../platform/core/retention-policy';
import type { PurgeDeps } from '../ports';
import { purgeExports } from './purge-connection';
import { AssetPurgeRequested, type AssetPurgeCommand } from '../contracts/commands';
import { recordAudit } from '../../../platform/core/record-audit';

const ROUND_SIZE = 1000;

export interface AssetPurgeResult {
  outcome: 'purged' | 'continued';
  reason: 'asset_items_deleted' | 'time_budget_spent';
  deleted: number;
  keptLeads: boolean;
}

export async function purgeAsset(
  deps: PurgeDeps,
  cmd: AssetPurgeCommand,
  opts: { deadline?: Date } = {},
): Promise<AssetPurgeResult> {
  const keepLeads = (await loadRetention(deps.settings, cmd.tenantId)).keepLeadsAfterDisconnect;
  let deleted = 0;
  for (;;) {
    let deletedThisPass = 0;
    let cursor: string | undefined;
    do {
      if (opts.deadline !== undefined && deps.clock.now() >= opts.deadline) {
        await sendCommand(deps.commands, AssetPurgeRequested, cmd);
        return { outcome: 'continued', reason: 'time_budget_spent', deleted, keptLeads: keepLeads };
      }
      const page = await deps.purge.assetItemKeys(cmd.tenantId, cmd.connectionId, cmd.assetIds, {
        keepLeads,
        limit: ROUND_SIZE,
        cursor,
      });
      await deps.purge.deleteKeys(page.keys);
      deleted += page.keys.length;
      deletedThisPass += page.keys.length;
      cursor = page.cursor;
    } while (cursor);
    if (deletedThisPass === 0) break;
  }
  const exportsDeleted = await purgeExports(deps, cmd.tenantId);
  const idempotencyKeysDeleted = await deps.idempotency.forgetTenant(cmd.tenantId);
  if (deleted > 0) deps.metrics.count('purgedItems', {}, deleted);
  await recordAudit(deps, {
    tenantId: cmd.tenantId,
    actor: cmd.requestedBy,
    action: 'asset.purged',
    target: `connection:${cmd.connectionId}`,
    result: 'success',
    reason: 'asset_items_deleted',
    details: {
      assetIds: cmd.assetIds,
      deletedItems: deleted,
      keptLeads: keepLeads,
      exportsDeleted,
      idempotencyKeysDeleted,
    },
  });
  return { outcome: 'purged', reason: 'asset_items_deleted', deleted, keptLeads: keepLeads };
}
