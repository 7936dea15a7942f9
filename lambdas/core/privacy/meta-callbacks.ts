/**
 * Meta's two privacy callbacks. Deauthorize: the person removed the app, so that Meta user's tokens are
 * cleared in every tenant at once. Data deletion: the same, plus the purge of everything tied to the
 * user, and a confirmation code whose public status page Meta shows the person.
 */
import { randomBytes } from 'node:crypto';
import { DomainError } from '../errors';
import type { DeletionRequest } from '../ports';
import type { PrivacyDeps } from './privacy-deps';
import { revokeConnection } from './revoke-connection';
import { verifySignedRequest } from './signed-request';

/** Confirmation records are kept 90 days, then expire. */
export const DELETION_RECORD_TTL_DAYS = 90;

export interface PurgeCommand {
  tenantId: string;
  connectionId: string;
  deletionCode: string;
  requestedBy: string;
  [key: string]: unknown;
}

async function verified(deps: Pick<PrivacyDeps, 'secrets' | 'clock'>, signed: string | undefined) {
  const { appSecret } = await deps.secrets.metaApp();
  const check = verifySignedRequest(signed, appSecret, deps.clock.now());
  if (!check.valid) throw new DomainError('unauthorized', 'The signed_request is not valid', check.reason);
  return check;
}

export async function deauthorize(deps: PrivacyDeps, signed: string | undefined) {
  const { userId } = await verified(deps, signed);
  const connections = await deps.connections.listByMetaUser(userId);
  for (const c of connections)
    await revokeConnection(deps, c, { actor: 'meta', reason: 'user_deauthorized' });
  return {
    revoked: connections.length,
    reason: connections.length > 0 ? 'tokens_cleared' : 'no_connections_for_user',
  };
}

export function newConfirmationCode(): string {
  return randomBytes(12).toString('base64url');
}

export async function startDeletionRequest(
  deps: PrivacyDeps,
  request: Omit<DeletionRequest, 'code' | 'status' | 'requestedAt'>,
  actor: string,
): Promise<DeletionRequest> {
  const now = deps.clock.now();
  const record: DeletionRequest = {
    ...request,
    code: newConfirmationCode(),
    // nothing to purge is a finished deletion: the person still gets a code and a status page
    status: request.connections.length === 0 ? 'completed' : 'pending',
    requestedAt: now.toISOString(),
    ...(request.connections.length === 0 ? { completedAt: now.toISOString() } : {}),
  };
  await deps.deletions.create(record, new Date(now.getTime() + DELETION_RECORD_TTL_DAYS * 86_400_000));
  for (const c of record.connections) {
    const cmd: PurgeCommand = {
      tenantId: c.tenantId,
      connectionId: c.connectionId,
      deletionCode: record.code,
      requestedBy: actor,
    };
    await deps.commands.send(deps.purgeDetailType, cmd);
  }
  return record;
}

export async function requestDataDeletion(deps: PrivacyDeps, signed: string | undefined) {
  const { userId } = await verified(deps, signed);
  const connections = await deps.connections.listByMetaUser(userId);
  for (const c of connections)
    await revokeConnection(deps, c, { actor: 'meta', reason: 'user_requested_deletion' });
  const record = await startDeletionRequest(
    deps,
    {
      source: 'meta_data_deletion',
      metaUserId: userId,
      connections: connections.map((c) => ({ tenantId: c.tenantId, connectionId: c.connectionId })),
    },
    'meta',
  );
  for (const c of connections) {
    await deps.audit.record({
      tenantId: c.tenantId,
      id: deps.ids.next('aud'),
      at: deps.clock.now().toISOString(),
      actor: 'meta',
      action: 'deletion.requested',
      target: `connection:${c.connectionId}`,
      result: 'success',
      details: { confirmationCode: record.code },
    });
  }
  return {
    url: `${deps.statusBaseUrl.replace(/\/$/, '')}/${record.code}`,
    confirmation_code: record.code,
  };
}

export async function deletionStatus(deps: Pick<PrivacyDeps, 'deletions'>, code: string) {
  const r = await deps.deletions.get(code);
  if (!r)
    throw new DomainError(
      'not_found',
      'No deletion request has this confirmation code',
      'deletion_not_found',
    );
  return {
    confirmationCode: r.code,
    status: r.status,
    requestedAt: r.requestedAt,
    completedAt: r.completedAt ?? null,
    connections: r.connections.length,
    connectionsPurged: r.connections.filter((c) => c.purgedAt).length,
  };
}
