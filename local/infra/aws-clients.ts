/**
 * AWS SDK v3 clients pointed at the local endpoints. Credentials and region are explicit so the SDK never
 * looks at the developer's real AWS profile, environment credentials or IMDS: the local runtime must work
 * (and must be harmless) on a laptop that has no AWS account at all.
 */
import { Agent } from 'node:http';

import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { KMSClient } from '@aws-sdk/client-kms';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { S3Client } from '@aws-sdk/client-s3';
import { AwsJsonClient } from '../../lambdas/platform/adapters/aws-http/aws-json-client';
import { httpTransport } from '../../lambdas/platform/adapters/aws-http/http-transport';
import { S3Objects } from '../../lambdas/platform/adapters/aws-http/s3-objects';
import type { AwsJsonService } from '../../lambdas/platform/adapters/aws-http/services';

export const LOCAL_REGION = 'us-east-1';
export const LOCAL_ACCOUNT_ID = '000000000000';
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

// One process plays API Gateway, Lambda and the services locally: the SDK's default 50 sockets queue
// requests under load, which would measure the pool rather than the service.
const agent = new Agent({ keepAlive: true, maxSockets: 512 });
// The local endpoints (dynalite, fauxqs, the local bus, KMS, Secrets Manager) verify no signature, and SigV4 was a tenth of the
// runtime's CPU under webhook load: local requests carry a well-formed but unsigned Authorization header
// (dynalite insists on its shape). Everything else about a call (serialization, retries, the wire
// protocol) stays the SDK's.
const unsignedHeaders = (headers: Record<string, string>): Record<string, string> => {
  const date = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
  return {
    ...headers,
    'x-amz-date': date,
    authorization: `AWS4-HMAC-SHA256 Credential=local/${date.slice(0, 8)}/${LOCAL_REGION}/local/aws4_request, SignedHeaders=host;x-amz-date, Signature=unsigned`,
  };
};
const unsignedSigner = {
  sign: async <R extends { headers: Record<string, string> }>(request: R) => {
    request.headers = unsignedHeaders(request.headers);
    return request;
  },
};
// the same scheme shape for every client; typed through one of them
const unsigned = [
  {
    schemeId: 'aws.auth#sigv4',
    identityProvider: () => async () => LOCAL_CREDENTIALS,
    signer: unsignedSigner,
  },
] as unknown as NonNullable<DynamoDBClientConfig['httpAuthSchemes']>;
const base = {
  region: LOCAL_REGION,
  credentials: LOCAL_CREDENTIALS,
  requestHandler: { httpAgent: agent },
  httpAuthSchemes: unsigned,
};

export function createDynamoClients(endpoint: string): { raw: DynamoDBClient; doc: DynamoDBDocumentClient } {
  const raw = new DynamoDBClient({ ...base, endpoint });
  // Same marshalling options as the Lambda composition root, so item shapes behave identically.
  const doc = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
  return { raw, doc };
}

export function createSqsClient(endpoint: string): SQSClient {
  // Queue URLs carry fauxqs's host; `useQueueUrlAsEndpoint: false` keeps every call on `endpoint`.
  return new SQSClient({ ...base, endpoint, useQueueUrlAsEndpoint: false });
}

export function createEventBridgeClient(endpoint: string): EventBridgeClient {
  return new EventBridgeClient({ ...base, endpoint });
}

export function createKmsClient(endpoint: string): KMSClient {
  return new KMSClient({ ...base, endpoint });
}

export function createSecretsManagerClient(endpoint: string): SecretsManagerClient {
  return new SecretsManagerClient({ ...base, endpoint });
}

/**
 * S3 requests are signed for real (the local S3 front checks presigned URLs, which the presigner signs
 * with these credentials either way). Path-style (`/<bucket>/<key>`), because a bucket subdomain of
 * 127.0.0.1 does not resolve; fauxqs serves both styles.
 */
export function createS3Client(endpoint: string): S3Client {
  return new S3Client({
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    requestHandler: { httpAgent: agent },
    endpoint,
    forcePathStyle: true,
  });
}

/**
 * The JSON clients the functions use where they carry no SDK client (EventBridge's PutEvents, Secrets
 * Manager's GetSecretValue, the webhook's BatchWriteItem), pointed at a local endpoint: the same client
 * as in Lambda, with the unsigned signer above and as many sockets as the SDK clients here.
 */
export function localJsonClient(service: AwsJsonService, endpoint: string): AwsJsonClient {
  return new AwsJsonClient({
    service,
    region: LOCAL_REGION,
    endpoint: new URL(endpoint),
    sign: async ({ headers }) => unsignedHeaders(headers),
    transport: httpTransport({ maxSockets: 512 }),
  });
}

/**
 * The export bucket's objects, as the functions reach them in Lambda (adapters/aws-http/s3-objects.ts):
 * path-style under the local S3 front, and signed for real, because the front checks the presigned URLs
 * it is handed against these credentials.
 */
export function localS3Objects(endpoint: string, bucket: string): S3Objects {
  return new S3Objects({
    bucket,
    region: LOCAL_REGION,
    endpoint: new URL(endpoint),
    credentials: () => LOCAL_CREDENTIALS,
    transport: httpTransport({ maxSockets: 512 }),
  });
}
