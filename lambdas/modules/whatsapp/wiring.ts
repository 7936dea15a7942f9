/**
 * The WhatsApp module's wiring: from the platform's shared pieces it builds only what its use cases take
 * — its store, its Graph slice, what it reads about connections (with the vault, for the connection's
 * token) — for the management API and for the template-status worker.
 */
import { DynamoConnectionStore } from '../connections/contracts/store';
import { awsDynamo } from '../../platform/wiring/aws/dynamo';
import { tracedVault } from '../../platform/wiring/aws/kms-vault';
import { tracedMetaSecrets } from '../../platform/wiring/aws/meta-secrets';
import { awsSqs } from '../../platform/wiring/aws/sqs';
import { awsRuntimeOf } from '../../platform/wiring/aws-runtime';
import { graphConfig, queueConfig, tableConfig, tenantApiConfig, type Env } from '../../platform/wiring/env';
import { graphAccess } from '../../platform/wiring/graph';
import type {
  GraphConfig,
  QueueConfig,
  Runtime,
  TableConfig,
  TenantApiConfig,
} from '../../platform/wiring/runtime';
import { tableAccess } from '../../platform/wiring/table';
import { ConnectionsForWhatsApp, WabaSelections } from './adapters/connections-for-whatsapp';
import { DynamoWhatsAppStore } from './adapters/dynamo-whatsapp-store';
import { WhatsAppGraphGateway } from './adapters/whatsapp-graph-gateway';
import type { TemplateStatusDeps, WhatsAppDeps } from './ports';

/** The API: the table, the Graph API (Meta secret) and the vault (the connection's token). */
export type WhatsAppApiRuntime = Runtime<
  TableConfig & GraphConfig & TenantApiConfig,
  'dynamo' | 'secrets' | 'vault'
>;

export function whatsappFromRuntime(
  rt: Runtime<TableConfig & GraphConfig, 'dynamo' | 'secrets' | 'vault'>,
): WhatsAppDeps {
  const { db, tableName, audit } = tableAccess(rt);
  return {
    connections: new ConnectionsForWhatsApp(new DynamoConnectionStore(db, tableName), rt.clients.vault),
    graph: new WhatsAppGraphGateway(graphAccess(rt).client),
    store: new DynamoWhatsAppStore(db, tableName),
    audit,
    clock: rt.clock,
    ids: rt.ids,
  };
}

export const awsWhatsAppApiRuntime = (env: Env = process.env): WhatsAppApiRuntime =>
  awsRuntimeOf(
    env,
    (e) => ({ ...tableConfig(e), ...graphConfig(e), ...tenantApiConfig(e) }),
    (trace) => ({
      dynamo: awsDynamo(trace),
      secrets: tracedMetaSecrets(env, trace),
      vault: tracedVault(env, trace),
    }),
  );

/** The template-status worker: the table and its own queue (it calls nothing at Meta). */
export type TemplateStatusRuntime = Runtime<TableConfig & QueueConfig, 'dynamo' | 'sqs'>;

export function templateStatusFromRuntime(rt: TemplateStatusRuntime): TemplateStatusDeps {
  const { db, tableName } = tableAccess(rt);
  return {
    connections: new WabaSelections(new DynamoConnectionStore(db, tableName)),
    store: new DynamoWhatsAppStore(db, tableName),
    clock: rt.clock,
  };
}

export const awsTemplateStatusRuntime = (env: Env = process.env): TemplateStatusRuntime =>
  awsRuntimeOf(
    env,
    (e) => ({ ...tableConfig(e), ...queueConfig(e) }),
    (trace) => ({ dynamo: awsDynamo(trace), sqs: awsSqs(trace) }),
  );
