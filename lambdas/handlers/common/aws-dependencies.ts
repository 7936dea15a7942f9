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
import { KmsTokenVault } from '../../platform/adapters/vault/kms-vault';
import { SecretsManagerMetaSecrets } from '../../platform/adapters/secrets/secrets-manager-provider';
import {
  buildDependencies,
  type AppDependencies,
  type InfrastructureClients,
  type RuntimeConfig,
} from './dependencies';

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
  const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return buildDependencies(config, {
    dynamo,
    sqs: new SQSClient({}),
    eventBridge: new EventBridgeClient({}),
    ...awsServiceAdapters(
      { kms: new KMSClient({}), secretsManager: new SecretsManagerClient({}), s3: new S3Client({}) },
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
            new BedrockSdkConverseClient(new BedrockRuntimeClient({})),
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
