/**
 * The deletion worker's job: remove every item of one connection's Meta data — routes, Page tokens,
 * assets, sync state, pending leads, leads (unless the tenant keeps CRM leads), then the connection record
 * itself. Each round deletes what it finds and looks again, so a purge interrupted half-way (a crashed
 * worker, a redelivered message) simply continues; only audit and deletion-confirmation records remain.
 */
import { domainEvent } from '../events/domain-event';
import type { PrivacyDeps } from './privacy-deps';
import { ASSET_KINDS } from '../connections/assets';
import { RETENTION_SETTINGS_KEY, type RetentionSettings, DEFAULT_RETENTION } from './retention-policy';

const ROUND_SIZE = 1000;

export interface PurgeResult {
  outcome: 'purged' | 'already_gone' | 'stopped';
  deleted: number;
  keptLeads: boolean;
}

export async function purgeConnection(
  deps: PrivacyDeps,
  cmd: { tenantId: string; connectionId: string; deletionCode: string; requestedBy: string },
  opts: { stopAfter?: number } = {},
): Promise<PurgeResult> {
  const retention =
    (await deps.settings.get<RetentionSettings>(cmd.tenantId, RETENTION_SETTINGS_KEY)) ?? DEFAULT_RETENTION;
  const keepLeads = retention.keepLeadsAfterDisconnect;
  const connection = await deps.connections.get(cmd.tenantId, cmd.connectionId);
  let deleted = 0;

  if (connection) {
    const assetIds = ASSET_KINDS.flatMap((k) => connection.selection[k]);
    const routes = await deps.purge.routeKeys(cmd.tenantId, cmd.connectionId, assetIds);
    await deps.purge.deleteKeys(routes);
    deleted += routes.length;
  }
  for (;;) {
    const keys = await deps.purge.connectionItemKeys(cmd.tenantId, cmd.connectionId, {
      keepLeads,
      limit: ROUND_SIZE,
    });
    // the connection record goes last: it lists the routes a resumed purge still has to find
    const batch = keys.filter((k) => !k.sk.startsWith('CON#'));
    if (opts.stopAfter !== undefined && deleted + batch.length > opts.stopAfter) {
      const room = Math.max(0, opts.stopAfter - deleted);
      await deps.purge.deleteKeys(batch.slice(0, room));
      return { outcome: 'stopped', deleted: deleted + room, keptLeads: keepLeads };
    }
    if (batch.length === 0) {
      await deps.purge.deleteKeys(keys);
      deleted += keys.length;
      break;
    }
    await deps.purge.deleteKeys(batch);
    deleted += batch.length;
  }

  const now = deps.clock.now();
  const request = await deps.deletions.markPurged(
    cmd.deletionCode,
    cmd.tenantId,
    cmd.connectionId,
    now.toISOString(),
  );
  await deps.audit.record({
    tenantId: cmd.tenantId,
    id: deps.ids.next('aud'),
    at: now.toISOString(),
    actor: cmd.requestedBy,
    action: 'deletion.completed',
    target: `connection:${cmd.connectionId}`,
    result: 'success',
    reason: connection ? 'purged' : 'already_gone',
    details: {
      deletedItems: deleted,
      keptLeads: keepLeads,
      confirmationCode: cmd.deletionCode,
      requestStatus: request?.status ?? null,
    },
  });
  await deps.events.publish([
    domainEvent(
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
  return { outcome: connection ? 'purged' : 'already_gone', deleted, keptLeads: keepLeads };
}
