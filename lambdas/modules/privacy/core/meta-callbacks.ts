/**
 * Meta's two privacy callbacks. Deauthorize: the person removed the app, so that Meta user's tokens are
 * cleared in every tenant at once and the data of those connections is purged like a disconnect's (a
 * business's privacy page promises "remove the app on Facebook and we delete your data"; leads stay only
 * where the tenant chose to keep them after a disconnect). Data deletion: the same, with a confirmation
 * code whose public status page Meta shows the person. Both are refused, with nothing changed, unless the
 * `signed_request` is authentic and fresh.
 */
import { DomainError } from '../../../platform/core/errors';
import { newConfirmationCode, startDeletionRequest } from '../contracts/deletion-requests';
import type { CallbackDeps } from '../ports';
import { revokeConnection } from '../../connections/contracts/revoke-connection';
import { verifySignedRequest } from './signed-request';
import { acceptedAppSecrets, verifyAcrossRotation } from '../../../core/meta/secret-rotation';
import { recordAudit } from '../../../platform/core/record-audit';

async function verified(deps: Pick<CallbackDeps, 'secrets' | 'clock'>, signed: string | undefined) {
  const now = deps.clock.now();
  const check = await verifyAcrossRotation(
    deps.secrets,
    (app) => verifySignedRequest(signed, acceptedAppSecrets(app, now), now),
    (c) => !c.valid && c.reason === 'signature_mismatch',
  );
  if (!check.valid) throw new DomainError('unauthorized', 'The signed_request is not valid', check.reason);
  return check;
}

export async function deauthorize(deps: CallbackDeps, signed: string | undefined) {
  const { userId } = await verified(deps, signed);
  const connections = await deps.connections.listByMetaUser(userId);
  // every tenant at once: one slow write must not leave another tenant holding a live token
  await Promise.all(
    connections.map((c) =>
      revokeConnection(deps, c, { actor: 'meta', reason: 'user_deauthorized', deletionRequested: true }),
    ),
  );
  if (connections.length === 0) return { revoked: 0, reason: 'no_connections_for_user' };
  // Meta may deliver the callback again: a connection whose purge is already under way is not queued twice
  const toPurge = connections.filter((c) => !c.deletionRequestedAt);
  if (toPurge.length === 0) return { revoked: connections.length, reason: 'purge_already_requested' };
  const request = await startDeletionRequest(
    deps,
    {
      source: 'meta_deauthorize',
      metaUserId: userId,
      connections: toPurge.map((c) => ({ tenantId: c.tenantId, connectionId: c.connectionId })),
    },
    'meta',
  );
  return { revoked: connections.length, reason: 'tokens_cleared_purge_queued', deletionCode: request.code };
}

/**
 * How long a signed request's claim is kept: past the hour a signed request is accepted (plus clock
 * skew) a replay is refused as expired anyway.
 */
const CLAIM_KEPT_MS = 2 * 3600_000;
/**
 * How long a first delivery may take before another delivery of the same request takes its work over:
 * API Gateway gives an integration 30 seconds at most, so a delivery still unfinished after that failed.
 */
const CLAIM_LEASE_MS = 30_000;

/**
 * Meta's data-deletion callback. The same signed request delivered again (Meta retries, or someone
 * replays a captured one inside its hour) gets the same confirmation code and queues nothing new; only
 * a first delivery that never finished its work is finished by the next one, with the same code.
 */
export async function requestDataDeletion(deps: CallbackDeps, signed: string | undefined) {
  const { userId, requestDigest } = await verified(deps, signed);
  const now = deps.clock.now();
  const claim = await deps.deletions.claimRequest(requestDigest, {
    code: newConfirmationCode(),
    now,
    leaseUntil: new Date(now.getTime() + CLAIM_LEASE_MS),
    expiresAt: new Date(now.getTime() + CLAIM_KEPT_MS),
  });
  const answer = {
    url: `${deps.statusBaseUrl.replace(/\/$/, '')}/${claim.code}`,
    confirmation_code: claim.code,
  };
  if (!claim.proceed) return answer;
  const connections = await deps.connections.listByMetaUser(userId);
  await Promise.all(
    connections.map((c) =>
      revokeConnection(deps, c, {
        actor: 'meta',
        reason: 'user_requested_deletion',
        deletionRequested: true,
      }),
    ),
  );
  const record = await startDeletionRequest(
    deps,
    {
      source: 'meta_data_deletion',
      metaUserId: userId,
      connections: connections.map((c) => ({ tenantId: c.tenantId, connectionId: c.connectionId })),
    },
    'meta',
    claim.code,
  );
  for (const c of connections) {
    await recordAudit(deps, {
      tenantId: c.tenantId,
      actor: 'meta',
      action: 'deletion.requested',
      target: `connection:${c.connectionId}`,
      result: 'success',
      reason: 'meta_data_deletion_callback',
      details: { confirmationCode: record.code },
    });
  }
  await deps.deletions.finishRequest(requestDigest);
  return answer;
}

/**
 * What the public status page shows. Meta asks that it state any reason data is kept: a business that
 * chose to keep its CRM leads after a disconnect keeps them (they still expire with its lead retention).
 */
export async function deletionStatus(deps: Pick<CallbackDeps, 'deletions'>, code: string) {
  const r = await deps.deletions.get(code);
  if (!r)
    throw new DomainError(
      'not_found',
      'No deletion request has this confirmation code',
      'deletion_not_found',
    );
  const keptLeads = r.connections.some((c) => c.purgedAt && c.keptLeads);
  return {
    confirmationCode: r.code,
    status: r.status,
    requestedAt: r.requestedAt,
    completedAt: r.completedAt ?? null,
    connections: r.connections.length,
    connectionsPurged: r.connections.filter((c) => c.purgedAt).length,
    retained: keptLeads
      ? [
          'Lead form submissions a business chose to keep as its own CRM records; they expire with that business’s lead retention.',
        ]
      : [],
  };
}
