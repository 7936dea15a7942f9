/**
 * The inbox module's wiring: from the platform's shared pieces it builds only the adapters the inbox use
 * cases take — its stores, the field cipher over the vault, what it reads about connections — and, for
 * the worker and the sync, its slice of the Graph API; for the API, the reply assistant (Bedrock in AWS
 * when a model is configured, the deterministic one locally, none otherwise).
 */
import { KMSClient } from '@aws-sdk/client-kms';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import * as z from 'zod';
import { DynamoConnectionRepository } from '../../adapters/dynamodb/connection-repository';
import { DynamoSyncState } from '../../adapters/dynamodb/sync-state-repository';
import { DomainError } from '../../platform/core/errors';
import { DynamoIdempotencyStore } from '../../platform/adapters/table/idempotency-store';
import { idempotencyGate, type IdempotencyGate } from '../../platform/handlers/idempotency';
import { awsDynamo } from '../../platform/wiring/aws/dynamo';
import { awsEventBridge } from '../../platform/wiring/aws/event-bridge';
import { awsVault } from '../../platform/wiring/aws/kms-vault';
import { awsMetaSecrets } from '../../platform/wiring/aws/meta-secrets';
import { awsSqs } from '../../platform/wiring/aws/sqs';
import type { Traced } from '../../platform/wiring/aws/traced';
import { awsRuntimeOf } from '../../platform/wiring/aws-runtime';
import { busAccess } from '../../platform/wiring/bus';
import {
  busConfig,
  graphConfig,
  queueConfig,
  readEnv,
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
import { traced } from '../../platform/wiring/telemetry';
import { ConnectionsForInbox } from './adapters/connections-for-inbox';
import { DynamoDataKeyStore } from './adapters/dynamo-data-key-store';
import { DynamoInboxMetricsRepository } from './adapters/dynamo-inbox-metrics-store';
import { DynamoInboxRepository } from './adapters/dynamo-inbox-store';
import { DynamoReplyRepository } from './adapters/dynamo-reply-store';
import { InboxGraphGateway } from './adapters/inbox-graph-gateway';
import { EnvelopeCipher } from './core/field-cipher';
import type { InboxMetricsDeps } from './core/inbox-metrics';
import { INBOX_MODULE } from './module';
import type { InboxApiDeps, InboxDeps, ReplyAssistant } from './ports';

/** Without an assistant, asking for an AI draft is refused with a reason; everything else works. */
const noAssistant: ReplyAssistant = {
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

/** The clients the inbox adds to the platform's: the reply assistant, when one is configured. */
export interface InboxClients {
  clients: { assistant?: ReplyAssistant };
}

type TableAndBus = Runtime<TableConfig & BusConfig, 'dynamo' | 'eventBridge' | 'vault'>;

/** What every inbox function shares: the table, the bus, the connections it reads, its stores, the cipher. */
function shared(rt: TableAndBus) {
  const { db, tableName, audit, settings } = tableAccess(rt);
  const { events, commands } = busAccess(rt);
  const { clock, ids } = rt;
  const vault = rt.clients.vault;
  return {
    db,
    tableName,
    deps: {
      clock,
      ids,
      events,
      commands,
      audit,
      settings,
      metrics: rt.telemetry.metrics,
      connections: new ConnectionsForInbox({
        connections: new DynamoConnectionRepository(db, tableName),
        events,
        audit,
        clock,
        ids,
      }),
      inbox: new DynamoInboxRepository(db, tableName),
      replies: new DynamoReplyRepository(db, tableName),
      cipher: new EnvelopeCipher({ vault, keys: new DynamoDataKeyStore(db, tableName), clock }),
    },
  };
}

/** The sync: the table, the bus, the vault and the Graph API (Meta secret). */
export type InboxSyncRuntime = Runtime<
  TableConfig & BusConfig & GraphConfig,
  'dynamo' | 'eventBridge' | 'secrets' | 'vault'
>;

/** The worker: what the sync has, and its queue (it times its own retries). */
export type InboxWorkerRuntime = InboxSyncRuntime & Runtime<QueueConfig, 'sqs'>;

export function inboxPipelineFromRuntime(rt: InboxSyncRuntime): InboxDeps {
  const { db, tableName, deps } = shared(rt);
  return {
    ...deps,
    vault: rt.clients.vault,
    syncState: new DynamoSyncState(db, tableName),
    inboxGraph: new InboxGraphGateway(graphAccess(rt).client),
    // the worker and the sync draft nothing
    assistant: noAssistant,
  };
}

const pipelineClients = (env: Env) => (trace: Traced) => ({
  dynamo: awsDynamo(trace),
  eventBridge: awsEventBridge(trace),
  secrets: awsMetaSecrets(env, trace(new SecretsManagerClient({}))),
  vault: awsVault(env, trace(new KMSClient({}))),
});

export const awsInboxSyncRuntime = (env: Env = process.env): InboxSyncRuntime =>
  awsRuntimeOf(env, (e) => ({ ...tableConfig(e), ...busConfig(e), ...graphConfig(e) }), pipelineClients(env));

export const awsInboxWorkerRuntime = (env: Env = process.env): InboxWorkerRuntime =>
  awsRuntimeOf(
    env,
    (e) => ({ ...tableConfig(e), ...busConfig(e), ...graphConfig(e), ...queueConfig(e) }),
    (trace) => ({ ...pipelineClients(env)(trace), sqs: awsSqs(trace) }),
  );

/** The inbox API: the table, the bus (approved replies are commands for the worker), the vault, the assistant. */
export type InboxApiRuntime = Runtime<
  TableConfig & BusConfig & TenantApiConfig,
  'dynamo' | 'eventBridge' | 'vault'
> &
  InboxClients;

export function inboxApiFromRuntime(rt: InboxApiRuntime): {
  api: InboxApiDeps & Pick<InboxMetricsDeps, 'inboxMetrics'>;
  httpIdempotency: IdempotencyGate;
} {
  const { db, tableName, deps } = shared(rt);
  const http = INBOX_MODULE.http;
  return {
    api: {
      ...deps,
      assistant: rt.clients.assistant ?? noAssistant,
      inboxMetrics: new DynamoInboxMetricsRepository(db, tableName),
    },
    httpIdempotency: idempotencyGate(http?.routes ?? [], http?.idempotentCreates ?? {}, {
      store: new DynamoIdempotencyStore(db, tableName),
      tenantClaim: rt.config.tenantClaim,
      // a reply's answer carries its text: sealed with the tenant's data key
      sealer: deps.cipher,
    }),
  };
}

/**
 * The API's runtime in Lambda. `assistantFrom` builds the reply assistant when the stack configured a
 * Bedrock model (BEDROCK_MODEL_ID); the handler passes it, so no other inbox function bundles Bedrock.
 */
export function awsInboxApiRuntime(
  env: Env,
  assistantFrom: (trace: Traced, modelId: string) => ReplyAssistant,
): InboxApiRuntime {
  const { BEDROCK_MODEL_ID: model } = readEnv(env, { BEDROCK_MODEL_ID: z.string().min(1).optional() });
  const rt = awsRuntimeOf(
    env,
    (e) => ({ ...tableConfig(e), ...busConfig(e), ...tenantApiConfig(e) }),
    (trace) => ({
      dynamo: awsDynamo(trace),
      eventBridge: awsEventBridge(trace),
      vault: awsVault(env, trace(new KMSClient({}))),
    }),
  );
  const assistant = model ? assistantFrom(traced(rt.telemetry), model) : undefined;
  return { ...rt, clients: { ...rt.clients, ...(assistant ? { assistant } : {}) } };
}

/** The inbox figures job: the table only (it counts what the inbox stores). */
export type InboxMetricsRuntime = Runtime<TableConfig, 'dynamo'>;

export function inboxMetricsFromRuntime(rt: InboxMetricsRuntime): InboxMetricsDeps {
  const { db, tableName } = tableAccess(rt);
  const connections = new DynamoConnectionRepository(db, tableName);
  return {
    clock: rt.clock,
    connections: {
      get: (t, c) => connections.get(t, c),
      listSelected: (kind) => connections.listSelected(kind),
    },
    inbox: new DynamoInboxRepository(db, tableName),
    inboxMetrics: new DynamoInboxMetricsRepository(db, tableName),
  };
}

export const awsInboxMetricsRuntime = (env: Env = process.env): InboxMetricsRuntime =>
  awsRuntimeOf(env, tableConfig, (trace) => ({ dynamo: awsDynamo(trace) }));
