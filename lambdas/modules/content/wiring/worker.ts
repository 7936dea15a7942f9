/**
 * The content worker: the table only (a Page's own posts from webhooks, links to the calendar), and its
 * queue. Each content function's wiring is its own file, so none bundles what another uses.
 */
import { DynamoConnectionStore } from '../../connections/contracts/store';
import { DynamoPostStore } from '../../publishing/contracts/store';
import { awsDynamo } from '../../../platform/wiring/aws/dynamo';
import { awsSqs } from '../../../platform/wiring/aws/sqs';
import { awsRuntimeOf } from '../../../platform/wiring/aws-runtime';
import { queueConfig, tableConfig, type Env } from '../../../platform/wiring/env';
import type { QueueConfig, Runtime, TableConfig } from '../../../platform/wiring/runtime';
import { tableAccess } from '../../../platform/wiring/table';
import { CalendarForContent } from '../adapters/calendar-for-content';
import { ConnectionsForContent } from '../adapters/connections-for-content';
import { DynamoContentRepository } from '../adapters/dynamo-content-store';
import type { ContentIngestDeps } from '../ports';

export type ContentWorkerRuntime = Runtime<TableConfig & QueueConfig, 'dynamo' | 'sqs'>;

export function contentIngestFromRuntime(rt: Runtime<TableConfig, 'dynamo'>): ContentIngestDeps {
  const { db, tableName, settings } = tableAccess(rt);
  return {
    clock: rt.clock,
    settings,
    connections: new ConnectionsForContent(new DynamoConnectionStore(db, tableName)),
    content: new DynamoContentRepository(db, tableName),
    posts: new CalendarForContent(new DynamoPostStore(db, tableName)),
  };
}

export const awsContentWorkerRuntime = (env: Env = process.env): ContentWorkerRuntime =>
  awsRuntimeOf(
    env,
    (e) => ({ ...tableConfig(e), ...queueConfig(e) }),
    (trace) => ({ dynamo: awsDynamo(trace), sqs: awsSqs(trace) }),
  );
