/**
 * The clients of adapters/aws-http as a function has them in Lambda: the region Lambda sets
 * (AWS_REGION), the execution role's keys Lambda puts in the environment (AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN;
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime),
 * read at each signing, and the service's regional endpoint.
 */
import * as z from '../../contracts/zod';
import { AwsCallError } from '../../adapters/aws-http/aws-call-error';
import { AwsJsonClient } from '../../adapters/aws-http/aws-json-client';
import type { AwsCallObserver } from '../../adapters/aws-http/retried-call';
import { configuredEndpoint, serviceEndpoint } from '../../adapters/aws-http/endpoint';
import { httpTransport } from '../../adapters/aws-http/http-transport';
import { S3Objects } from '../../adapters/aws-http/s3-objects';
import type { AwsJsonService } from '../../adapters/aws-http/services';
import { sigV4Signer, type AwsCredentials } from '../../adapters/aws-http/sigv4';
import { readEnv, type Env } from '../env';

const regionOf = (env: Env): string =>
  readEnv(env, { AWS_REGION: z.string().check(z.minLength(1)) }).AWS_REGION;

export function lambdaJsonClient(
  service: AwsJsonService,
  env: Env,
  observer?: AwsCallObserver,
): AwsJsonClient {
  const region = regionOf(env);
  return new AwsJsonClient({
    service,
    region,
    endpoint: serviceEndpoint(service, region, env),
    sign: sigV4Signer({ signingName: service.signingName, region, credentials: () => envCredentials(env) }),
    transport: httpTransport(),
    ...(observer ? { observer } : {}),
  });
}

export function envCredentials(env: Env): AwsCredentials {
  const {
    AWS_ACCESS_KEY_ID: accessKeyId,
    AWS_SECRET_ACCESS_KEY: secretAccessKey,
    AWS_SESSION_TOKEN: sessionToken,
  } = env;
  if (!accessKeyId || !secretAccessKey)
    throw new AwsCallError(
      'CredentialsProviderError',
      'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set: Lambda sets them from the execution role',
    );
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}

/** The export bucket's objects in Lambda: signed with the role's keys, at `AWS_ENDPOINT_URL_S3` when set. */
export function lambdaS3Objects(bucket: string, env: Env, observer?: AwsCallObserver): S3Objects {
  const endpoint = configuredEndpoint('S3', env);
  return new S3Objects({
    bucket,
    region: regionOf(env),
    ...(endpoint ? { endpoint } : {}),
    credentials: () => envCredentials(env),
    transport: httpTransport(),
    ...(observer ? { observer } : {}),
  });
}
