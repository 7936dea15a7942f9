/**
 * The composition root. Handlers receive an {@link AppDependencies}; what differs between AWS and the
 * local runtime is only which clients, endpoints and vault are passed to {@link buildDependencies}.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { Clock, IdGenerator, SecretsProvider, TokenVault } from '../../core/ports';

export interface RuntimeConfig {
  tableName: string;
  eventBusName: string;
  /** logical queue name (topology.ts) → queue URL */
  queueUrls: Record<string, string>;
  metaGraphUrl: string;
  metaGraphVersion: string;
  metaLoginUrl: string;
  /** base URL of this API as Meta sees it, e.g. https://abc.execute-api.eu-west-1.amazonaws.com */
  publicBaseUrl: string;
  /** allowed return URL origins (exact origin match) */
  returnUrlAllowlist: string[];
  /** the local runtime allows any http://localhost origin */
  allowLocalhostReturnUrls: boolean;
  /** JWT claim that carries the tenant id */
  tenantClaim: string;
}

export interface InfrastructureClients {
  dynamo: DynamoDBDocumentClient;
  sqs: SQSClient;
  eventBridge: EventBridgeClient;
  vault: TokenVault;
  secrets: SecretsProvider;
  /** the HTTP client the Graph adapter uses; global fetch by default */
  fetch?: typeof fetch;
  clock?: Clock;
  ids?: IdGenerator;
}
