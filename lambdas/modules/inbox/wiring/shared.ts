/**
 * What every inbox function builds from the platform's shared pieces: the table and the bus, what it
 * reads about connections, its stores and the field cipher over the vault. Each function's own file
 * beside this one adds what only it uses, so a function bundles nothing it does not call
 * (docs/modules.md).
 */
import type { ConnectionRecord } from '../../connections/contracts';
import { DynamoConnectionStore } from '../../connections/contracts/store';
import type { ConnectionStore as ConnectionRepository } from '../../connections/contracts/store';
import type { AuditLog, Clock, EventPublisher, IdGenerator } from '../../../platform/core/ports';
import { DomainError } from '../../../platform/core/errors';
import { busAccess } from '../../../platform/wiring/bus';
import type { BusConfig, Runtime, TableConfig } from '../../../platform/wiring/runtime';
import { tableAccess } from '../../../platform/wiring/table';
import { ConnectionsForInbox } from '../adapters/connections-for-inbox';
import { DynamoDataKeyStore } from '../adapters/dynamo-data-key-store';
import { DynamoInboxRepository } from '../adapters/dynamo-inbox-store';
import { DynamoReplyRepository } from '../adapters/dynamo-reply-store';
import { EnvelopeCipher } from '../core/field-cipher';
import type { ReplyAssistant } from '../ports';

/** Without an assistant, asking for an AI draft is refused with a reason; everything else works. */
export const noAssistant: ReplyAssistant = {
  name: 'none',
  draftReply: () => {
    throw new DomainError(
      'conflict',
      'AI drafts are not configured for this deployment',
      'assistant_not_configured',
    );
  },
  classify: () => {
    throw new DomainError(
      'conflict',
      'AI drafts are not configured for this deployment',
      'assistant_not_configured',
    );
  },
};

export type InboxTableAndBus = Runtime<TableConfig & BusConfig, 'dynamo' | 'eventBridge' | 'vault'>;

type Expire = (connection: ConnectionRecord, reason: string, actor: string) => Promise<void>;

/** what expiring a connection takes: its store, the bus, the audit log, time and ids */
export interface ExpiryDeps {
  connections: ConnectionRepository;
  events: EventPublisher;
  audit: AuditLog;
  clock: Clock;
  ids: IdGenerator;
}

/**
 * The stores and ports every inbox function shares. `expire`: how a function that acts with a token
 * expires a connection Meta refused (the worker and the sync pass the connections' own).
 */
export function inboxShared(rt: InboxTableAndBus, expire?: (d: ExpiryDeps) => Expire) {
  const { db, tableName, audit, settings } = tableAccess(rt);
  const { events, commands } = busAccess(rt);
  const { clock, ids } = rt;
  const repo = new DynamoConnectionStore(db, tableName);
  return {
    db,
    tableName,
    repo,
    deps: {
      clock,
      ids,
      events,
      commands,
      audit,
      settings,
      metrics: rt.telemetry.metrics,
      connections: new ConnectionsForInbox(repo, expire?.({ connections: repo, events, audit, clock, ids })),
      inbox: new DynamoInboxRepository(db, tableName),
      replies: new DynamoReplyRepository(db, tableName),
      cipher: new EnvelopeCipher({
        vault: rt.clients.vault,
        keys: new DynamoDataKeyStore(db, tableName),
        clock,
      }),
    },
  };
}
