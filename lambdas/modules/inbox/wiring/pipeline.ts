/**
 * The inbox worker and the comment sync: the shared stores, the vault (Page tokens), the sync state and
 * the inbox's slice of the Graph API; a token Meta refuses expires its connection. In Lambda: the table,
 * the bus, KMS and the Meta secret, and the worker's queue.
 */
import { markExpired } from '../../connections/contracts';
import { DynamoSyncState } from '../../../adapters/dynamodb/sync-state-repository';
import { graphAccess } from '../../../platform/wiring/graph';
import {
  awsGraphCallerRuntime,
  awsGraphWorkerRuntime,
  type GraphCallerRuntime,
  type GraphWorkerRuntime,
} from '../../../platform/wiring/graph-caller';
import { InboxGraphGateway } from '../adapters/inbox-graph-gateway';
import type { InboxDeps } from '../ports';
import { inboxShared, noAssistant } from './shared';

/** The sync: the table, the bus, the vault and the Graph API (Meta secret). */
export type InboxSyncRuntime = GraphCallerRuntime;

/** The worker: what the sync has, and its queue (it times its own retries). */
export type InboxWorkerRuntime = GraphWorkerRuntime;

export function inboxPipelineFromRuntime(rt: InboxSyncRuntime): InboxDeps {
  const { db, tableName, deps } = inboxShared(
    rt,
    (d) => (connection, reason, actor) => markExpired(d, connection, reason, actor),
  );
  return {
    ...deps,
    vault: rt.clients.vault,
    syncState: new DynamoSyncState(db, tableName),
    inboxGraph: new InboxGraphGateway(graphAccess(rt).client),
    // the worker and the sync draft nothing
    assistant: noAssistant,
  };
}

export const awsInboxSyncRuntime = awsGraphCallerRuntime;

export const awsInboxWorkerRuntime = awsGraphWorkerRuntime;
