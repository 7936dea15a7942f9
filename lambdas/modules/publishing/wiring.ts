/**
 * The publishing module's wiring: from the platform's shared pieces it builds only the adapters each of
 * its functions uses — the calendar API and the due-posts scheduler (table, bus, the publish queue for jobs
 * held until their second) and the publish worker (table, bus, Graph API, vault).
 */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { KMSClient } from '@aws-sdk/client-kms';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoConnectionRepository } from '../../adapters/dynamodb/connection-repository';
import { SqsDelayedJobSender } from '../../platform/adapters/queue/delayed-job-sender';
import { DynamoIdempotencyStore } from '../../platform/adapters/table/idempotency-store';
import { INGEST_SOURCE } from '../../platform/contracts/topology';
import type { AuditLog, EventPublisher } from '../../platform/core/ports';
import { idempotencyGate, type IdempotencyGate } from '../../platform/handlers/idempotency';
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
import { ConnectionsForPublishing } from './adapters/connections-for-publishing';
import { ContentLinks } from './adapters/content-links';
import { DynamoPostStore } from './adapters/dynamo-post-store';
import { PublishingGraphGateway } from './adapters/publishing-graph-gateway';
import { PUBLISH_QUEUE, PUBLISHING_MODULE } from './module';
import type { CalendarDeps, PostContentLinks, PublishDeps } from './ports';

type TableAndBus = Runtime<TableConfig & BusConfig, 'dynamo' | 'eventBridge'>;

function connectionsOf(
  rt: TableAndBus,
  db: DynamoDBDocumentClient,
  tableName: string,
  events: EventPublisher,
  audit: AuditLog,
) {
  return new ConnectionsForPublishing({
    connections: new DynamoConnectionRepository(db, tableName),
    events,
    audit,
    clock: rt.clock,
    ids: rt.ids,
  });
}

/** Publish jobs due later than now wait on the publish queue itself, when its URL is known. */
function delayedJobsOf(sqs: SQSClient, queueUrls: Record<string, string>) {
  const url = queueUrls[PUBLISH_QUEUE.name];
  return url ? { delayedJobs: new SqsDelayedJobSender(sqs, url, INGEST_SOURCE) } : {};
}

/** The calendar API and the due-posts scheduler: table, bus and the publish queue. */
export type CalendarRuntime = Runtime<
  TableConfig & BusConfig & QueueConfig,
  'dynamo' | 'eventBridge' | 'sqs'
>;

export function calendarFromRuntime(rt: CalendarRuntime): CalendarDeps {
  const { db, tableName, audit, settings } = tableAccess(rt);
  const { events, commands } = busAccess(rt);
  return {
    clock: rt.clock,
    ids: rt.ids,
    events,
    commands,
    audit,
    settings,
    metrics: rt.telemetry.metrics,
    posts: new DynamoPostStore(db, tableName),
    connections: connectionsOf(rt, db, tableName, events, audit),
    ...delayedJobsOf(rt.clients.sqs, rt.config.queueUrls),
  };
}

export const awsCalendarRuntime = (env: Env = process.env): CalendarRuntime =>
  awsRuntimeOf(
    env,
    (e) => ({ ...tableConfig(e), ...busConfig(e), ...queueConfig(e) }),
    (trace) => ({ dynamo: awsDynamo(trace), eventBridge: awsEventBridge(trace), sqs: awsSqs(trace) }),
  );

/** The calendar API: what the scheduler has, the tenant claim, and idempotent creates. */
export type PostsApiRuntime = Runtime<
  TableConfig & BusConfig & QueueConfig & TenantApiConfig,
  'dynamo' | 'eventBridge' | 'sqs'
>;

export function postsApiFromRuntime(rt: PostsApiRuntime): {
  calendar: CalendarDeps;
  content: PostContentLinks;
  httpIdempotency: IdempotencyGate;
} {
  const { db, tableName } = tableAccess(rt);
  const http = PUBLISHING_MODULE.http;
  return {
    calendar: calendarFromRuntime(rt),
    content: new ContentLinks(db, tableName),
    httpIdempotency: idempotencyGate(http?.routes ?? [], http?.idempotentCreates ?? {}, {
      store: new DynamoIdempotencyStore(db, tableName),
      tenantClaim: rt.config.tenantClaim,
    }),
  };
}

export const awsPostsApiRuntime = (env: Env = process.env): PostsApiRuntime =>
  awsRuntimeOf(
    env,
    (e) => ({ ...tableConfig(e), ...busConfig(e), ...queueConfig(e), ...tenantApiConfig(e) }),
    (trace) => ({ dynamo: awsDynamo(trace), eventBridge: awsEventBridge(trace), sqs: awsSqs(trace) }),
  );

/** The publish worker: table, bus, the Graph API (Meta secret), the vault, its queue. */
export type PublishRuntime = Runtime<
  TableConfig & BusConfig & GraphConfig & QueueConfig,
  'dynamo' | 'eventBridge' | 'secrets' | 'vault' | 'sqs'
>;

export function publishFromRuntime(rt: PublishRuntime): PublishDeps {
  const { db, tableName, audit } = tableAccess(rt);
  const { events } = busAccess(rt);
  return {
    clock: rt.clock,
    ids: rt.ids,
    vault: rt.clients.vault,
    events,
    audit,
    metrics: rt.telemetry.metrics,
    posts: new DynamoPostStore(db, tableName),
    connections: connectionsOf(rt, db, tableName, events, audit),
    graph: new PublishingGraphGateway(graphAccess(rt).client),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  };
}

export const awsPublishRuntime = (env: Env = process.env): PublishRuntime =>
  awsRuntimeOf(
    env,
    (e) => ({ ...tableConfig(e), ...busConfig(e), ...graphConfig(e), ...queueConfig(e) }),
    (trace) => ({
      dynamo: awsDynamo(trace),
      eventBridge: awsEventBridge(trace),
      sqs: awsSqs(trace),
      secrets: awsMetaSecrets(env, trace(new SecretsManagerClient({}))),
      vault: awsVault(env, trace(new KMSClient({}))),
    }),
  );
