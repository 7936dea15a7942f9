/**
 * The content module's wiring: from the platform's shared pieces it builds only the adapters the content
 * use cases take — its store, what it reads about connections and the calendar — and, for the sync, its
 * slice of the Graph API and the vault. The worker and the API use the table alone.
 */
import { KMSClient } from '@aws-sdk/client-kms';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DynamoConnectionRepository } from '../../adapters/dynamodb/connection-repository';
import { DynamoPostRepository } from '../../adapters/dynamodb/post-repository';
import { API_PREFIX } from '../../platform/contracts/routes';
import { awsDynamo } from '../../platform/wiring/aws/dynamo';
import { awsEventBridge } from '../../platform/wiring/aws/event-bridge';
import { awsVault } from '../../platform/wiring/aws/kms-vault';
import { awsMetaSecrets } from '../../platform/wiring/aws/meta-secrets';
import { awsSqs } from '../../platform/wiring/aws/sqs';
import { awsRuntimeOf } from '../../platform/wiring/aws-runtime';
import { busAccess } from '../../platform/wiring/bus';
import {
  busConfig,
  graphConfig,
  queueConfig,
  tableConfig,
  tenantApiConfig,
  type Env,
} from '../../platform/wiring/env';
import { graphAccess } from '../../platform/wiring/graph';
import type {
  BusConfig,
  GraphConfig,
  QueueConfig,
  Runtime,
  TableConfig,
  TenantApiConfig,
} from '../../platform/wiring/runtime';
import { tableAccess } from '../../platform/wiring/table';
import { CalendarForContent } from './adapters/calendar-for-content';
import { ConnectionsForContent } from './adapters/connections-for-content';
import { ContentGraphGateway } from './adapters/content-graph-gateway';
import { DynamoContentRepository } from './adapters/dynamo-content-store';
import type { ContentReadDeps } from './core/read-content';
import type { ContentDeps, ContentIngestDeps } from './ports';

/** The worker: the table only (new posts from webhooks, links to the calendar), and its queue. */
export type ContentWorkerRuntime = Runtime<TableConfig & QueueConfig, 'dynamo' | 'sqs'>;

export function contentIngestFromRuntime(rt: Runtime<TableConfig, 'dynamo'>): ContentIngestDeps {
  const { db, tableName, settings } = tableAccess(rt);
  return {
    clock: rt.clock,
    settings,
    connections: new ConnectionsForContent(new DynamoConnectionRepository(db, tableName)),
    content: new DynamoContentRepository(db, tableName),
    posts: new CalendarForContent(new DynamoPostRepository(db, tableName)),
  };
}

export const awsContentWorkerRuntime = (env: Env = process.env): ContentWorkerRuntime =>
  awsRuntimeOf(
    env,
    (e) => ({ ...tableConfig(e), ...queueConfig(e) }),
    (trace) => ({ dynamo: awsDynamo(trace), sqs: awsSqs(trace) }),
  );

/**
 * The sync: the table, the Graph API (Meta secret), the vault (Page tokens) and the bus (a dead token
 * expires its connection, an audited event).
 */
export type ContentSyncRuntime = Runtime<
  TableConfig & BusConfig & GraphConfig,
  'dynamo' | 'eventBridge' | 'secrets' | 'vault'
>;

export function contentSyncFromRuntime(rt: ContentSyncRuntime): ContentDeps {
  const { db, tableName, audit, settings } = tableAccess(rt);
  const { events } = busAccess(rt);
  return {
    clock: rt.clock,
    vault: rt.clients.vault,
    settings,
    connections: new ConnectionsForContent(new DynamoConnectionRepository(db, tableName), {
      events,
      audit,
      clock: rt.clock,
      ids: rt.ids,
    }),
    content: new DynamoContentRepository(db, tableName),
    contentGraph: new ContentGraphGateway(graphAccess(rt).client),
    posts: new CalendarForContent(new DynamoPostRepository(db, tableName)),
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

/** The API: reads the table. */
export type ContentApiRuntime = Runtime<TableConfig & TenantApiConfig, 'dynamo'>;

export function contentReadFromRuntime(rt: ContentApiRuntime): ContentReadDeps {
  const { db, tableName } = tableAccess(rt);
  return { content: new DynamoContentRepository(db, tableName), apiPrefix: API_PREFIX };
}

export const awsContentApiRuntime = (env: Env = process.env): ContentApiRuntime =>
  awsRuntimeOf(
    env,
    (e) => ({ ...tableConfig(e), ...tenantApiConfig(e) }),
    (trace) => ({ dynamo: awsDynamo(trace) }),
  );
