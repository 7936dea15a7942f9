/**
 * A deletion request: what another module asks for when a connection's data is to go (a disconnect),
 * and what Meta's callbacks start. The request is recorded with its confirmation code and public status
 * page, and each connection's purge is queued for the deletion worker.
 */
import { randomBytes } from 'node:crypto';
import { sendCommand } from '../../../platform/contracts/command-contract';
import type { Clock, CommandPublisher } from '../../../platform/core/ports';
import { fixedTtlFor } from '../../../platform/core/retention-policy';
import { PurgeRequested } from './commands';

/** A data-deletion request (Meta's callback or a disconnect), the public status behind a confirmation code. */
export interface DeletionRequest {
  code: string;
  source: 'meta_data_deletion' | 'meta_deauthorize' | 'disconnect';
  /** Meta's app-scoped user id for callbacks; absent for a disconnect */
  metaUserId?: string;
  status: 'pending' | 'completed';
  requestedAt: string;
  completedAt?: string;
  connections: Array<{ tenantId: string; connectionId: string; purgedAt?: string; keptLeads?: boolean }>;
}

/** Where deletion requests are recorded. */
export interface DeletionRequestRecords {
  create(request: DeletionRequest, expiresAt: Date): Promise<void>;
}

export interface DeletionRequestDeps {
  clock: Clock;
  deletions: DeletionRequestRecords;
  commands: CommandPublisher;
}

/** 96 random bits, URL-safe: unguessable, since the status page needs no login. */
export function newConfirmationCode(): string {
  return randomBytes(12).toString('base64url');
}

export async function startDeletionRequest(
  deps: DeletionRequestDeps,
  request: Omit<DeletionRequest, 'code' | 'status' | 'requestedAt'>,
  actor: string,
  code: string = newConfirmationCode(),
): Promise<DeletionRequest> {
  const now = deps.clock.now();
  const record: DeletionRequest = {
    ...request,
    code,
    // nothing to purge is a finished deletion: the person still gets a code and a status page
    status: request.connections.length === 0 ? 'completed' : 'pending',
    requestedAt: now.toISOString(),
    ...(request.connections.length === 0 ? { completedAt: now.toISOString() } : {}),
  };
  const ttl = fixedTtlFor('deletion-confirmation', now);
  await deps.deletions.create(record, new Date(ttl.expiresAt * 1000));
  for (const c of record.connections) {
    await sendCommand(deps.commands, PurgeRequested, {
      tenantId: c.tenantId,
      connectionId: c.connectionId,
      deletionCode: record.code,
      requestedBy: actor,
    });
  }
  return record;
}
