/**
 * The content sync: the table, its slice of the Graph API (Meta secret), the vault (Page tokens) and the
 * bus (a dead token expires its connection, an audited event).
 */
import { KMSClient } from '@aws-sdk/client-kms';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { markExpired } from '../../connections/contracts';
import { DynamoConnectionStore } from '../../connections/contracts/store';
import { DynamoPostStore } from '../../publishing/contracts/store';
import { awsDynamo } from '../../../platform/wiring/aws/dynamo';
import { awsEventBridge } from '../../../platform/wiring/aws/event-bridge';
import { awsVault } from '../../../platform/wiring/aws/kms-vault';
import { awsMetaSecrets } from '../../../platform/wiring/aws/meta-secrets';
import { awsRuntimeOf } from '../../../platform/wiring/aws-runtime';
import { busAccess } from '../../../platform/wiring/bus';
import { busConfig, graphConfig, tableConfig, type Env } from '../../../platform/wiring/env';
import { graphAccess } from '../../../platform/wiring/graph';
import type { BusConfig, GraphConfig, Runtime, TableConfig } from '../../../platform/wiring/runtime';
import { tableAccess } from '../../../platform/wiring/table';
import { CalendarForContent } from '../adapters/calendar-for-content';
import { ConnectionsForContent } from '../adapters/connections-for-content';
import { ContentGraphGateway } from '../adapters/content-graph-gateway';
import { DynamoContentRepository } from '../adapters/dynamo-content-store';
import type { ContentDeps } from '../ports';

export type ContentSyncRuntime = Runtime<
  TableConfig & BusConfig & GraphConfig,
  'dynamo' | 'eventBridge' | 'secrets' | 'vault'
>;

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

export const awsContentSyncRuntime = (env: Env = process.env): ContentSyncRuntime =>
  awsRuntimeOf(
    env,
    (e) => ({ ...tableConfig(e), ...busConfig(e), ...graphConfig(e) }),
    (trace) => ({
      dynamo: awsDynamo(trace),
      eventBridge: awsEventBridge(trace),
      secrets: awsMetaSecrets(env, trace(new SecretsManagerClient({}))),
      vault: awsVault(env, trace(new KMSClient({}))),
    }),
  );
