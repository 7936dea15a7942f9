/**
 * The deletion worker's job: remove every item of one connection's Meta data — routes and their selection
 * index, Page tokens, assets, sync state, Page health, pending leads, leads (unless the tenant keeps CRM
 * leads), insights, campaigns, the connection's calendar posts, the tenant's export files and the answers
 * kept for Idempotency-Key retries (they hold copies) — then the connection record itself. Only audit entries and deletion-confirmation records remain.
 *
 * Resumable: each pass deletes what it finds and the purge ends with a pass that finds nothing, so a
 * purge interrupted half-way (a crashed worker, a redelivered message) simply continues where the table
 * stands. Bounded: past its deadline it re-queues itself and returns, so a huge tenant never runs into
 * the worker's timeout.
 */
import { sendCommand } from '../../../platform/contracts/command-contract';
import { ASSET_KINDS } from '../../connections/contracts/assets';
import { loadRetention } from '../../../platform/core/retention-policy';
import { PurgeRequested, type PurgeCommand } from '../contracts/commands';
import { privacyEvent } from '../contracts/events';
import type { PurgeDeps } from '../ports';
import { purgePosts } from './purge-posts';
import { recordAudit } from '../../../platform/core/record-audit';

/** Keys deleted per round: large enough for parallel BatchWrites, small enough to stop promptly. */
const ROUND_SIZE = 1000;

export type { PurgeCommand } from '../contracts/commands';

export interface PurgeResult {
  outcome: 'purged' | 'already_gone' | 'stopped' | 'continued' | 'refused';
  reason: string;
  deleted: number;
  keptLeads: boolean;
}

export interface PurgeOptions {
  /** test hook: behave like a worker that crashes after this many item deletes */
  stopAfter?: number;
  /** past this time the purge re-queues its command and returns (the worker's time budget) */
  deadline?: Date;
}

export async function purgeConnection(
  deps: PurgeDeps,
  cmd: PurgeCommand,
  opts: PurgeOptions = {},
): Promise<PurgeResult> {
  const keepLeads = (await loadRetention(deps.settings, cmd.tenantId)).keepLeadsAfterDisconnect;
  const connection = await deps.connections.get(cmd.tenantId, cmd.connectionId);
  // a purge only ever follows a revocation; a live connection under that id is never deleted
  if (connection && connection.status !== 'revoked') {
    return {
      outcome: 'refused',
      reason: `connection_${connection.status}`,
      deleted: 0,
      keptLeads: keepLeads,
    };
  }
  let deleted = 0;
  // every run counts what it deleted, so a purge continued over several runs adds up
  const counted = (result: PurgeResult): PurgeResult => {
    if (result.deleted > 0) deps.metrics.count('purgedItems', {}, result.deleted);
    return result;
  };
  const overBudget = () => opts.deadline !== undefined && deps.clock.now() >= opts.deadline;
  const stop = async (): Promise<PurgeResult> => {
    await sendCommand(deps.commands, PurgeRequested, cmd);
    return counted({ outcome: 'continued', reason: 'time_budget_spent', deleted, keptLeads: keepLeads });
  };

  if (connection) {
    const routes = await deps.purge.routeKeys(
      cmd.tenantId,
      cmd.connectionId,
      ASSET_KINDS.flatMap((k) => connection.selection[k]),
    );
    await deps.purge.deleteKeys(routes);
    deleted += routes.length;
  }
  const posts = await purgePosts(deps, cmd.tenantId, cmd.connectionId, deps.clock.now().toISOString());
  deleted += posts.deleted;

  for (;;) {
    let deletedThisPass = 0;
    let cursor: string | undefined;
    do {
      if (overBudget()) return stop();
      const page = await deps.purge.connectionItemKeys(cmd.tenantId, cmd.connectionId, {
        keepLeads,
        limit: ROUND_SIZE,
        cursor,
      });
      let keys = page.keys;
      if (opts.stopAfter !== undefined && deleted + keys.length > opts.stopAfter) {
        keys = keys.slice(0, Math.max(0, opts.stopAfter - deleted));
        await deps.purge.deleteKeys(keys);
        return counted({
          outcome: 'stopped',
          reason: 'stop_after_reached',
          deleted: deleted + keys.length,
          keptLeads: keepLeads,
        });
      }
      await deps.purge.deleteKeys(keys);
      deleted += keys.length;
      deletedThisPass += keys.length;
      cursor = page.cursor;
    } while (cursor);
    // a pass that found nothing proves the connection's items are gone, including any written meanwhile
    if (deletedThisPass === 0) break;
  }
  // after the items: an export written while they were being deleted goes too
  const exportsDeleted = await purgeExports(deps, cmd.tenantId);
  // answers kept for retries of the tenant's creates (a day at most) may quote what was just purged
  const idempotencyKeysDeleted = await deps.idempotency.forgetTenant(cmd.tenantId);
  if (connection) {
    await deps.purge.deleteConnection(cmd.tenantId, cmd.connectionId);
    deleted += 1;
  }

  const now = deps.clock.now();
  const reason = connection ? 'purged' : 'already_gone';
  const request = await deps.deletions.markPurged(
    cmd.deletionCode,
    cmd.tenantId,
    cmd.connectionId,
    now.toISOString(),
    { keptLeads: keepLeads },
  );
  await recordAudit(deps, {
    tenantId: cmd.tenantId,
    at: now,
    actor: cmd.requestedBy,
    action: 'deletion.completed',
    target: `connection:${cmd.connectionId}`,
    result: 'success',
    reason,
    details: {
      deletedItems: deleted,
      keptLeads: keepLeads,
      postsDeleted: posts.deleted,
      postsTrimmed: posts.trimmed,
      exportsDeleted,
      idempotencyKeysDeleted,
      confirmationCode: cmd.deletionCode,
      requestStatus: request?.status ?? null,
    },
  });
  await deps.events.publish([
    privacyEvent(
      'deletion.completed',
      cmd.tenantId,
      `deletion.completed:${cmd.deletionCode}:${cmd.connectionId}`,
      now,
      {
        connectionId: cmd.connectionId,
        confirmationCode: cmd.deletionCode,
        deletedItems: deleted,
        keptLeads: keepLeads,
      },
    ),
  ]);
  return counted({ outcome: connection ? 'purged' : 'already_gone', reason, deleted, keptLeads: keepLeads });
}

/** Every export file of the tenant holds the connection's data, and a file cannot be half-deleted. */
export async function purgeExports(deps: Pick<PurgeDeps, 'exports' | 'exportStore'>, tenantId: string) {
  let removed = 0;
  for (const e of await deps.exports.listAll(tenantId)) {
    if (e.status === 'pending') continue; // not written yet: it is built from what the purge leaves
    if (e.location) await deps.exportStore.remove(e.location);
    await deps.exports.remove(tenantId, e.id);
    removed++;
  }
  return removed;
}
