/**
 * Builds {@link AppDependencies} inside Lambda from the environment the CDK stack sets. Built once per
 * cold start, on the first invocation, so importing a handler module has no side effects.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { KMSClient } from '@aws-sdk/client-kms';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { S3Client } from '@aws-sdk/client-s3';
import { S3ExportStore } from '../../adapters/s3/s3-export-store';
import { BedrockAssistant } from '../../adapters/ai/bedrock-assistant';
import { BedrockSdkConverseClient } from '../../adapters/ai/bedrock-converse-client';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { z } from 'zod';
import { Logger } from '@aws-lambda-powertools/logger';
import { KmsTokenVault } from '../../adapters/kms/kms-vault';
import { SecretsManagerMetaSecrets } from '../../adapters/secrets/secrets-manager-provider';
import {
  buildDependencies,
  type AppDependencies,
  type InfrastructureClients,
  type RuntimeConfig,
} from './dependencies';
import { createTelemetry } from './telemetry';
import { DEFAULT_METRICS_NAMESPACE, SERVICE_NAME } from '../../core/observability/metric-catalogue';

const csv = z
  .string()
  .optional()
  .transform((s) =>
    (s ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

const Env = z.object({
  TABLE_NAME: z.string().min(1),
  EVENT_BUS_NAME: z.string().min(1),
  TOKEN_KEY_ARN: z.string().min(1),
  EXPORT_BUCKET: z.string().min(1),
  META_SECRET_ARN: z.string().min(1),
  META_APP_ID: z.string().min(1),
  META_GRAPH_URL: z.string().url().default('https://graph.facebook.com'),
  META_GRAPH_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/)
    .default('v25.0'),
  META_LOGIN_URL: z.string().url().default('https://www.facebook.com'),
  PUBLIC_BASE_URL: z.string().url(),
  RETURN_URL_ALLOWLIST: csv,
  TENANT_CLAIM: z.string().min(1).default('tenant_id'),
  /** Bedrock model for AI drafts (CDK context `bedrockModelId`); absent = AI drafts are not offered */
  BEDROCK_MODEL_ID: z.string().min(1).optional(),
  AWS_REGION: z.string().min(1).optional(),
  POWERTOOLS_SERVICE_NAME: z.string().min(1).default(SERVICE_NAME),
  POWERTOOLS_METRICS_NAMESPACE: z.string().min(1).default(DEFAULT_METRICS_NAMESPACE),
  /** 'false' turns tracing off without a redeploy of the code (the X-Ray SDK is then not loaded) */
  POWERTOOLS_TRACE_ENABLED: z.string().optional(),
});

export function configFromEnv(env: NodeJS.ProcessEnv): { config: RuntimeConfig; env: z.output<typeof Env> } {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const names = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new Error(`Lambda environment is incomplete or invalid: ${names}`);
  }
  const e = parsed.data;
  const queueUrls: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (k.startsWith('QUEUE_URL_') && v)
      queueUrls[k.slice('QUEUE_URL_'.length).toLowerCase().replace(/_/g, '-')] = v;
  }
  return {
    env: e,
    config: {
      tableName: e.TABLE_NAME,
      eventBusName: e.EVENT_BUS_NAME,
      queueUrls,
      metaGraphUrl: e.META_GRAPH_URL,
      metaGraphVersion: e.META_GRAPH_VERSION,
      metaLoginUrl: e.META_LOGIN_URL,
      publicBaseUrl: e.PUBLIC_BASE_URL,
      returnUrlAllowlist: e.RETURN_URL_ALLOWLIST,
      allowLocalhostReturnUrls: false,
      tenantClaim: e.TENANT_CLAIM,
    },
  };
}

export function awsDependencies(env: NodeJS.ProcessEnv = process.env): AppDependencies {
  const { config, env: e } = configFromEnv(env);
  const logger = new Logger({ serviceName: e.POWERTOOLS_SERVICE_NAME });
  // X-Ray on (POWERTOOLS_TRACE_ENABLED=false turns it off), EMF to standard output
  const telemetry = createTelemetry({
    tracing: e.POWERTOOLS_TRACE_ENABLED?.toLowerCase() !== 'false',
    serviceName: e.POWERTOOLS_SERVICE_NAME,
    namespace: e.POWERTOOLS_METRICS_NAMESPACE,
    logger,
  });
  // every AWS call a subsegment (operation, table or queue, status; never the payload)
  const traced = <C>(client: C): C => telemetry.tracer?.captureAWSv3Client(client) ?? client;
  const dynamo = DynamoDBDocumentClient.from(traced(new DynamoDBClient({})), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return buildDependencies(config, {
    dynamo,
    sqs: traced(new SQSClient({})),
    eventBridge: traced(new EventBridgeClient({})),
    logger,
    telemetry,
    ...awsServiceAdapters(
      {
        kms: traced(new KMSClient({})),
        secretsManager: traced(new SecretsManagerClient({})),
        s3: traced(new S3Client({})),
      },
      {
        tokenKeyArn: e.TOKEN_KEY_ARN,
        metaSecretArn: e.META_SECRET_ARN,
        metaAppId: e.META_APP_ID,
        exportBucket: e.EXPORT_BUCKET,
      },
    ),
    ...(e.BEDROCK_MODEL_ID
      ? {
          assistant: new BedrockAssistant(
            new BedrockSdkConverseClient(traced(new BedrockRuntimeClient({}))),
            e.BEDROCK_MODEL_ID,
          ),
        }
      : {}),
  });
}

export interface AwsServiceIds {
  tokenKeyArn: string;
  metaSecretArn: string;
  metaAppId: string;
  exportBucket: string;
  /** the secrets cache's max age; default the provider's 300 s */
  secretsMaxAgeSeconds?: number;
}

/**
 * The token vault, the Meta app secrets and the export store over their AWS clients. Lambda passes clients
 * for AWS; the local runtime passes clients for its own KMS, Secrets Manager and S3 endpoints, so the same
 * adapters run in both.
 */
export function awsServiceAdapters(
  clients: { kms: KMSClient; secretsManager: SecretsManagerClient; s3: S3Client },
  ids: AwsServiceIds,
): Pick<InfrastructureClients, 'vault' | 'secrets' | 'exports'> {
  return {
    vault: new KmsTokenVault(clients.kms, ids.tokenKeyArn),
    secrets: new SecretsManagerMetaSecrets(
      clients.secretsManager,
      ids.metaSecretArn,
      ids.metaAppId,
      ids.secretsMaxAgeSeconds,
    ),
    exports: new S3ExportStore(clients.s3, ids.exportBucket),
  };
}

/** The Lambda export: builds the AWS dependencies on first use and reuses them while the container lives. */
export function lazyHandler<E, C, R>(
  create: (deps: AppDependencies) => (event: E, context: C) => Promise<R>,
) {
  let built: ((event: E, context: C) => Promise<R>) | undefined;
  return (event: E, context: C): Promise<R> => {
    built ??= create(awsDependencies());
    return built(event, context);
  };
}
