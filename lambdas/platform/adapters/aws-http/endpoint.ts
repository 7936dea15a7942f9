/**
 * Where a service is reached in a region: `https://<prefix>.<region>.<partition's DNS suffix>`, unless
 * `AWS_ENDPOINT_URL_<SERVICE>` or `AWS_ENDPOINT_URL` name another endpoint, as for the AWS SDKs
 * (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html). The suffixes are the
 * partitions' own (the SDK's partitions table, `dnsSuffix`), matched by region name.
 */
import type { AwsJsonService } from './services';

const SUFFIXES: ReadonlyArray<[RegExp, string]> = [
  [/^cn-/, 'amazonaws.com.cn'],
  [/^eusc-/, 'amazonaws.eu'],
  [/^us-iso-/, 'c2s.ic.gov'],
  [/^us-isob-/, 'sc2s.sgov.gov'],
  [/^us-isof-/, 'csp.hci.ic.gov'],
  [/^eu-isoe-/, 'cloud.adc-e.uk'],
];

export function dnsSuffix(region: string): string {
  return SUFFIXES.find(([pattern]) => pattern.test(region))?.[1] ?? 'amazonaws.com';
}

type Env = Readonly<Record<string, string | undefined>>;

/** `AWS_ENDPOINT_URL_<envId>`, else `AWS_ENDPOINT_URL`, else none. */
export function configuredEndpoint(envId: string, env: Env): URL | undefined {
  const configured = env[`AWS_ENDPOINT_URL_${envId}`] || env.AWS_ENDPOINT_URL;
  return configured ? new URL(configured) : undefined;
}

export function serviceEndpoint(service: AwsJsonService, region: string, env: Env): URL {
  return (
    configuredEndpoint(service.envId, env) ??
    new URL(`https://${service.endpointPrefix}.${region}.${dnsSuffix(region)}`)
  );
}
