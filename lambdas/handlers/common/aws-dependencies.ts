/**
 * Builds {@link AppDependencies} inside Lambda from the environment the CDK stack sets, for the functions
 * not yet moved into a module (a module's function builds only what it uses: its wiring). Built once per
 * cold start, on the first invocation, so importing a handler module has no side effects.
 */
import { KMSClient } from '@aws-sdk/client-kms';
import type { S3Objects } from '../../platform/adapters/aws-http/s3-objects';
import { S3ExportStore } from '../../modules/privacy/adapters/s3-export-store';
import { awsExportStore } from '../../modules/privacy/wiring';
import { awsDynamo } from '../../platform/wiring/aws/dynamo';
import { awsEventBridge } from '../../platform/wiring/aws/event-bridge';
import { awsSqs } from '../../platform/wiring/aws/sqs';
import { awsTableWrites } from '../../platform/wiring/aws/table-writes';
import type { SecretsManagerApi } from '../../platform/adapters/aws-http/secrets-manager-api';
import { awsVault, tracedVault } from '../../platform/wiring/aws/kms-vault';
import { awsMetaSecrets, tracedMetaSecrets } from '../../platform/wiring/aws/meta-secrets';
import { lambdaBasics } from '../../platform/wiring/basics';
import { lambdaHandler } from '../../platform/wiring/lambda-handler';
import { traced } from '../../platform/wiring/telemetry';
import {
  busConfig,
  graphConfig,
  oauthConfig,
  publicUrlConfig,
  queueConfig,
  tableConfig,
  tenantApiConfig,
  type Env,
} from '../../platform/wiring/env';
import {
  buildDependencies,
  type AppDependencies,
  type InfrastructureClients,
  type RuntimeConfig,
} from './dependencies';

/** Every part of the environment: these functions read all of it at start (the local runtime and the tests). */
export function configFromEnv(env: Env): RuntimeConfig {
  return {
    ...tableConfig(env),
    ...busConfig(env),
    ...graphConfig(env),
    ...queueConfig(env),
    ...tenantApiConfig(env),
    ...publicUrlConfig(env),
    ...oauthConfig(env),
  };
}

export function awsDependencies(env: Env = process.env): AppDependencies {
  const config = configFromEnv(env);
  const { logger, telemetry } = lambdaBasics(env);
  const trace = traced(telemetry);
  return buildDependencies(config, {
    dynamo: awsDynamo(trace),
    sqs: awsSqs(trace),
    eventBridge: awsEventBridge(trace, env),
    tableWrites: awsTableWrites(trace, env),
    vault: tracedVault(env, trace),
    secrets: tracedMetaSecrets(env, trace),
    exports: awsExportStore(env, trace),
    logger,
    telemetry,
  });
}

export interface AwsServiceIds {
  tokenKeyArn: string;
  metaSecretArn: string;
  metaAppId: string;
  /** the secrets cache's max age; default the provider's 300 s */
  secretsMaxAgeSeconds?: number;
}

/**
 * The token vault, the Meta app secrets and the export store over their AWS clients. Lambda builds them
 * from its environment; the local runtime passes clients for its own KMS, Secrets Manager and S3
 * endpoints, so the same adapters run in both.
 */
export function awsServiceAdapters(
  clients: { kms: KMSClient; secretsManager: SecretsManagerApi; exportObjects: S3Objects },
  ids: AwsServiceIds,
): Pick<InfrastructureClients, 'vault' | 'secrets' | 'exports'> {
  return {
    vault: awsVault({ TOKEN_KEY_ARN: ids.tokenKeyArn }, clients.kms),
    secrets: awsMetaSecrets(
      { META_SECRET_ARN: ids.metaSecretArn, META_APP_ID: ids.metaAppId },
      clients.secretsManager,
      ids.secretsMaxAgeSeconds,
    ),
    exports: new S3ExportStore(clients.exportObjects),
  };
}

/** The Lambda export: builds the AWS dependencies on first use and reuses them while the container lives. */
export const lazyHandler = <E, C, R>(
  create: (deps: AppDependencies) => (event: E, context: C) => Promise<R>,
) => lambdaHandler(awsDependencies, create);
