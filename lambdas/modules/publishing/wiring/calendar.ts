/**
 * The publishing module's wiring for the calendar API and the due-posts scheduler: from the platform's
 * shared pieces it builds only their adapters — the post store, the bus, the publish queue for jobs held
 * until their second, the connections' selections and the content links. The publish worker's wiring is
 * publish-worker.ts (the Graph API and the vault stay out of these two functions).
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoConnectionStore } from '../../connections/contracts/store';
import { SqsDelayedJobSender } from '../../../platform/adapters/queue/delayed-job-sender';
import { INGEST_SOURCE } from '../../../platform/contracts/topology';
import { awsDynamo } from '../../../platform/wiring/aws/dynamo';
import { awsEventBridge } from '../../../platform/wiring/aws/event-bridge';
import { awsSqs } from '../../../platform/wiring/aws/sqs';
import { awsRuntimeOf } from '../../../platform/wiring/aws-runtime';
import { busAccess } from '../../../platform/wiring/bus';
import { busConfig, queueConfig, tableConfig, tenantApiConfig, type Env } from '../../../platform/wiring/env';
import type {
  BusConfig,
  QueueConfig,
  Runtime,
  TableConfig,
  TenantApiConfig,
} from '../../../platform/wiring/runtime';
import { tableAccess } from '../../../platform/wiring/table';
import { ConnectionSelections } from '../adapters/connection-selections';
import { ContentLinks } from '../adapters/content-links';
import { DynamoPostStore } from '../adapters/dynamo-post-store';
import { PUBLISH_QUEUE } from '../queue';
import type { CalendarDeps, JobQueueDeps, PostContentLinks } from '../ports';

/** Publish jobs due later than now wait on the publish queue itself, when its URL is known. */
function delayedJobsOf(sqs: SQSClient, queueUrls: Record<string, string>) {
  const url = queueUrls[PUBLISH_QUEUE.name];
  return url ? { delayedJobs: new SqsDelayedJobSender(sqs, url, INGEST_SOURCE) } : {};
}

/** The due-posts scheduler: the post store, the bus and the publish queue (jobs held until their second). */
export type JobQueueRuntime = Runtime<
  TableConfig & BusConfig & QueueConfig,
  'dynamo' | 'eventBridge' | 'sqs'
>;

export function jobQueueFromRuntime(rt: JobQueueRuntime): JobQueueDeps {
  const { db, tableName } = tableAccess(rt);
  return {
    clock: rt.clock,
    posts: new DynamoPostStore(db, tableName),
    commands: busAccess(rt).commands,
    ...delayedJobsOf(rt.clients.sqs, rt.config.queueUrls),
  };
}

export const awsJobQueueRuntime = (env: Env = process.env): JobQueueRuntime =>
  awsRuntimeOf(
    env,
    (e) => ({ ...tableConfig(e), ...busConfig(e), ...queueConfig(e) }),
    (trace) => ({ dynamo: awsDynamo(trace), eventBridge: awsEventBridge(trace, env), sqs: awsSqs(trace) }),
  );

/** The calendar: what the scheduler has, and the connections' selections, audit, settings and events. */
export function calendarFromRuntime(rt: JobQueueRuntime): CalendarDeps {
  const { db, tableName, audit, settings } = tableAccess(rt);
  return {
    ...jobQueueFromRuntime(rt),
    ids: rt.ids,
    events: busAccess(rt).events,
    audit,
    settings,
    metrics: rt.telemetry.metrics,
    connections: new ConnectionSelections(new DynamoConnectionStore(db, tableName)),
  };
}

/** The calendar API: what the scheduler has, the tenant claim, and idempotent creates. */
export type PostsApiRuntime = Runtime<
  TableConfig & BusConfig & QueueConfig & TenantApiConfig,
  'dynamo' | 'eventBridge' | 'sqs'
>;

export function postsApiFromRuntime(rt: PostsApiRuntime): {
  calendar: CalendarDeps;
  content: PostContentLinks;
} {
  const { db, tableName } = tableAccess(rt);
  return {
    calendar: calendarFromRuntime(rt),
    content: new ContentLinks(db, tableName),
  };
}

export const awsPostsApiRuntime = (env: Env = process.env): PostsApiRuntime =>
  awsRuntimeOf(
    env,
    (e) => ({ ...tableConfig(e), ...busConfig(e), ...queueConfig(e), ...tenantApiConfig(e) }),
    (trace) => ({ dynamo: awsDynamo(trace), eventBridge: awsEventBridge(trace, env), sqs: awsSqs(trace) }),
  );
