/**
 * Secrets Manager, locally: GetSecretValue, which the production provider (Powertools Parameters) calls,
 * and PutSecretValue, which is how a secret is rotated, over the service's wire protocol (awsJson 1.1,
 * `X-Amz-Target: secretsmanager.<Operation>`).
 *
 *   GetSecretValue  https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html
 *                   (SecretId is the name or the ARN; no VersionId/VersionStage means AWSCURRENT)
 *   PutSecretValue  https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutSecretValue.html
 *                   (a new version becomes AWSCURRENT and the one before it AWSPREVIOUS; the same
 *                   ClientRequestToken with the same value is an idempotent retry, with another value
 *                   ResourceExistsException)
 *
 * Secrets live in memory and are seeded at start (the local runtime seeds the Meta app secret from the
 * environment), so a rotation lasts until the runtime stops. String secrets only.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from './aws-clients';
import { AwsServiceError, optionalString, requireString, startAwsJsonEndpoint } from './aws-json-endpoint';
import type { LocalLog } from '../log';

export interface SecretsManagerEndpointOptions {
  /** secret name → its first value (a JSON string, typically) */
  secrets: Readonly<Record<string, string>>;
  log?: LocalLog;
}

export interface SecretsManagerEndpoint {
  /** `http://127.0.0.1:<port>`, the Secrets Manager client's endpoint */
  url: string;
  /** the secret's ARN (with the six random characters Secrets Manager appends to the name) */
  arnOf(name: string): string;
  close(): Promise<void>;
}

interface SecretVersion {
  id: string;
  value: string;
  createdDate: number;
  stages: Set<string>;
}

interface Secret {
  name: string;
  arn: string;
  versions: SecretVersion[];
}

const CURRENT = 'AWSCURRENT';
const PREVIOUS = 'AWSPREVIOUS';
const MAX_SECRET_BYTES = 65536;

export async function startSecretsManagerEndpoint(
  options: SecretsManagerEndpointOptions,
): Promise<SecretsManagerEndpoint> {
  const byName = new Map<string, Secret>();
  const byArn = new Map<string, Secret>();
  for (const [name, value] of Object.entries(options.secrets)) {
    const suffix = randomBytes(6).toString('base64url').slice(0, 6);
    const secret: Secret = {
      name,
      arn: `arn:aws:secretsmanager:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:secret:${name}-${suffix}`,
      versions: [],
    };
    addVersion(secret, randomUUID(), value);
    byName.set(name, secret);
    byArn.set(secret.arn, secret);
  }

  const find = (input: Record<string, unknown>): Secret => {
    const id = requireString(input, 'SecretId');
    const secret = byArn.get(id) ?? byName.get(id);
    if (!secret)
      throw new AwsServiceError(
        'ResourceNotFoundException',
        "Secrets Manager can't find the specified secret.",
      );
    return secret;
  };

  const getSecretValue = (input: Record<string, unknown>) => {
    const secret = find(input);
    const versionId = optionalString(input, 'VersionId');
    const stage = optionalString(input, 'VersionStage');
    const version = secret.versions.find(
      (v) =>
        (versionId === undefined || v.id === versionId) &&
        ((versionId !== undefined && stage === undefined) || v.stages.has(stage ?? CURRENT)),
    );
    if (!version)
      throw new AwsServiceError(
        'ResourceNotFoundException',
        versionId !== undefined
          ? `Secrets Manager can't find the specified secret value for VersionId: ${versionId}`
          : `Secrets Manager can't find the specified secret value for staging label: ${stage ?? CURRENT}`,
      );
    return {
      ARN: secret.arn,
      Name: secret.name,
      VersionId: version.id,
      SecretString: version.value,
      VersionStages: [...version.stages],
      CreatedDate: version.createdDate,
    };
  };

  const putSecretValue = (input: Record<string, unknown>) => {
    const secret = find(input);
    const value = optionalString(input, 'SecretString');
    if (value === undefined)
      throw new AwsServiceError(
        'InvalidParameterException',
        'You must provide either SecretString or SecretBinary.',
      );
    if (Buffer.byteLength(value) > MAX_SECRET_BYTES)
      throw new AwsServiceError('InvalidParameterException', 'The secret value is larger than 64 KB.');
    const token = optionalString(input, 'ClientRequestToken') ?? randomUUID();
    const existing = secret.versions.find((v) => v.id === token);
    if (existing && existing.value !== value)
      throw new AwsServiceError(
        'ResourceExistsException',
        'You can’t modify an existing version, you can only create a new version.',
      );
    const version = existing ?? addVersion(secret, token, value);
    return { ARN: secret.arn, Name: secret.name, VersionId: version.id, VersionStages: [...version.stages] };
  };

  const endpoint = await startAwsJsonEndpoint({
    name: 'secrets',
    targetPrefix: 'secretsmanager',
    operations: { GetSecretValue: getSecretValue, PutSecretValue: putSecretValue },
    log: options.log,
  });
  return {
    url: endpoint.url,
    arnOf: (name) => {
      const secret = byName.get(name);
      if (!secret) throw new Error(`no local secret named ${name}`);
      return secret.arn;
    },
    close: endpoint.close,
  };
}

/** The new version is AWSCURRENT; the one that was becomes AWSPREVIOUS; older ones keep no label. */
function addVersion(secret: Secret, id: string, value: string): SecretVersion {
  for (const v of secret.versions) {
    v.stages.delete(PREVIOUS);
    if (v.stages.delete(CURRENT)) v.stages.add(PREVIOUS);
  }
  const version: SecretVersion = { id, value, createdDate: Date.now() / 1000, stages: new Set([CURRENT]) };
  secret.versions.push(version);
  return version;
}
