/**
 * The inbox API: the shared stores, the reply assistant and the inbox figures; approved replies are
 * commands on the bus for the worker. No Graph API and no Meta secret. In Lambda: the table, the bus,
 * KMS (the cipher's data key) and, when a model is configured, Bedrock.
 */
import * as z from '../../../platform/contracts/zod';
import { awsDynamo } from '../../../platform/wiring/aws/dynamo';
import { awsEventBridge } from '../../../platform/wiring/aws/event-bridge';
import { tracedVault } from '../../../platform/wiring/aws/kms-vault';
import type { Traced } from '../../../platform/wiring/aws/traced';
import { awsRuntimeOf } from '../../../platform/wiring/aws-runtime';
import { busConfig, readEnv, tableConfig, tenantApiConfig, type Env } from '../../../platform/wiring/env';
import type { BusConfig, Runtime, TableConfig, TenantApiConfig } from '../../../platform/wiring/runtime';
import { traced } from '../../../platform/wiring/telemetry';
import { DynamoInboxMetricsRepository } from '../adapters/dynamo-inbox-metrics-store';
import type { InboxMetricsDeps } from '../core/inbox-metrics';
import type { InboxApiDeps, ReplyAssistant } from '../ports';
import { inboxShared, noAssistant } from './shared';

/** The clients the inbox API adds to the platform's: the reply assistant, when one is configured. */
export interface InboxClients {
  clients: { assistant?: ReplyAssistant };
}

export type InboxApiRuntime = Runtime<
  TableConfig & BusConfig & TenantApiConfig,
  'dynamo' | 'eventBridge' | 'vault'
> &
  InboxClients;

export function inboxApiFromRuntime(
  rt: InboxApiRuntime,
): InboxApiDeps & Pick<InboxMetricsDeps, 'inboxMetrics'> {
  const { db, tableName, deps } = inboxShared(rt);
  return {
    ...deps,
    assistant: rt.clients.assistant ?? noAssistant,
    inboxMetrics: new DynamoInboxMetricsRepository(db, tableName),
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
  const { BEDROCK_MODEL_ID: model } = readEnv(env, {
    BEDROCK_MODEL_ID: z.optional(z.string().check(z.minLength(1))),
  });
  const rt = awsRuntimeOf(
    env,
    (e) => ({ ...tableConfig(e), ...busConfig(e), ...tenantApiConfig(e) }),
    (trace) => ({
      dynamo: awsDynamo(trace),
      eventBridge: awsEventBridge(trace, env),
      vault: tracedVault(env, trace),
    }),
  );
  const assistant = model ? assistantFrom(traced(rt.telemetry), model) : undefined;
  return { ...rt, clients: { ...rt.clients, ...(assistant ? { assistant } : {}) } };
}
