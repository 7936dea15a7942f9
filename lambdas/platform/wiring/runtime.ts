/**
 * What a function is built from: its configuration (names, ARNs and URLs), the clients of the services it
 * calls, a logger, a clock and ids. A module's wiring asks for exactly the parts it uses
 * (`Runtime<TableConfig & BusConfig, 'dynamo' | 'eventBridge'>`), so a function is given, and bundles,
 * nothing else. In Lambda the parts come from the environment the stack sets (aws-runtime.ts); the local
 * runtime passes the same clients pointed at its own endpoints.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { EventBridgeApi } from '../adapters/aws-http/event-bridge-api';
import type { DynamoDbApi } from '../adapters/aws-http/dynamodb-api';
import type { Clock, IdGenerator, SecretsProvider, TokenVault } from '../core/ports';
import type { Telemetry } from '../handlers/telemetry';

export interface TableConfig {
  tableName: string;
}

export interface BusConfig {
  eventBusName: string;
}

export interface GraphConfig {
  metaGraphUrl: string;
  metaGraphVersion: string;
}

export interface QueueConfig {
  /** logical queue name (topology) → queue URL */
  queueUrls: Record<string, string>;
}

export interface TenantApiConfig {
  /** JWT claim that carries the tenant id */
  tenantClaim: string;
}

export interface PublicUrlConfig {
  /** base URL of this API as Meta sees it, e.g. https://abc.execute-api.eu-west-1.amazonaws.com */
  publicBaseUrl: string;
}

export interface OAuthConfig {
  metaLoginUrl: string;
  /** allowed return URL origins (exact origin match) */
  returnUrlAllowlist: string[];
  /** the local runtime allows any http://localhost origin */
  allowLocalhostReturnUrls: boolean;
}

export interface RetryClockConfig {
  /**
   * the clock retries and outage pauses run on: 1 (default) in production; a test or benchmark may run
   * them faster (0.01 = a hundred times) without changing the mechanism
   */
  retryTimeScale?: number;
}

/** Every part: what the local runtime (and the composition root of the functions not yet in a module) has. */
export type RuntimeConfig = TableConfig &
  BusConfig &
  GraphConfig &
  QueueConfig &
  TenantApiConfig &
  PublicUrlConfig &
  OAuthConfig &
  RetryClockConfig;

export interface PlatformClients {
  dynamo: DynamoDBDocumentClient;
  sqs: SQSClient;
  eventBridge: EventBridgeApi;
  /** the table's BatchWriteItem without the SDK, for a function that only writes whole items (the webhook) */
  tableWrites: DynamoDbApi;
  vault: TokenVault;
  secrets: SecretsProvider;
}

export interface Runtime<C = unknown, K extends keyof PlatformClients = never> {
  config: C & RetryClockConfig;
  /** `fetch`: the HTTP client the Graph client uses; global fetch when absent */
  clients: Pick<PlatformClients, K> & { fetch?: typeof fetch };
  logger: Logger;
  /** the tracer and the EMF metrics the handler wrappers' middlewares flush (handlers/telemetry.ts) */
  telemetry: Telemetry;
  clock: Clock;
  ids: IdGenerator;
}
