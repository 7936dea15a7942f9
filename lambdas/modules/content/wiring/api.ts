/** The content API: reads the table. */
import { API_PREFIX } from '../../../platform/contracts/routes';
import { awsDynamo } from '../../../platform/wiring/aws/dynamo';
import { awsRuntimeOf } from '../../../platform/wiring/aws-runtime';
import { tableConfig, tenantApiConfig, type Env } from '../../../platform/wiring/env';
import type { Runtime, TableConfig, TenantApiConfig } from '../../../platform/wiring/runtime';
import { tableAccess } from '../../../platform/wiring/table';
import { DynamoContentRepository } from '../adapters/dynamo-content-store';
import type { ContentReadDeps } from '../core/read-content';

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
