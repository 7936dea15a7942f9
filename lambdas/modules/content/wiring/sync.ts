/**
 * The content sync: the table, its slice of the Graph API (Meta secret), the vault (Page tokens) and the
 * bus (a dead token expires its connection, an audited event).
 */
import { markExpired } from '../../connections/contracts';
import { DynamoConnectionStore } from '../../connections/contracts/store';
import { DynamoPostStore } from '../../publishing/contracts/store';
import { busAccess } from '../../../platform/wiring/bus';
import { graphAccess } from '../../../platform/wiring/graph';
import { awsGraphCallerRuntime, type GraphCallerRuntime } from '../../../platform/wiring/graph-caller';
import { tableAccess } from '../../../platform/wiring/table';
import { CalendarForContent } from '../adapters/calendar-for-content';
import { ConnectionsForContent } from '../adapters/connections-for-content';
import { ContentGraphGateway } from '../adapters/content-graph-gateway';
import { DynamoContentRepository } from '../adapters/dynamo-content-store';
import type { ContentDeps } from '../ports';

export type ContentSyncRuntime = GraphCallerRuntime;

export function contentSyncFromRuntime(rt: ContentSyncRuntime): ContentDeps {
  const { db, tableName, audit, settings } = tableAccess(rt);
  const { events } = busAccess(rt);
  const repo = new DynamoConnectionStore(db, tableName);
  const expiry = { connections: repo, events, audit, clock: rt.clock, ids: rt.ids };
  return {
    clock: rt.clock,
    vault: rt.clients.vault,
    settings,
    connections: new ConnectionsForContent(repo, (c, reason, actor) => markExpired(expiry, c, reason, actor)),
    content: new DynamoContentRepository(db, tableName),
    contentGraph: new ContentGraphGateway(graphAccess(rt).client),
    posts: new CalendarForContent(new DynamoPostStore(db, tableName)),
  };
}

export const awsContentSyncRuntime = awsGraphCallerRuntime;
