/**
 * KMS, locally: the calls the service makes (Encrypt, Decrypt, GenerateDataKey) over KMS's own wire
 * protocol (awsJson 1.1, `X-Amz-Target: TrentService.<Operation>`, blobs as base64 strings), so the
 * production `KmsTokenVault` and the inbox's data-key wrapping run unchanged against it.
 *
 * Behaviour follows the KMS API reference:
 *   Encrypt          https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html
 *                    (1 to 4,096 bytes of plaintext; the response's KeyId is the key ARN)
 *   Decrypt          https://docs.aws.amazon.com/kms/latest/APIReference/API_Decrypt.html
 *                    (KeyId optional for symmetric keys, since the blob names its key; a KeyId naming another
 *                    key is IncorrectKeyException; another encryption context, or a damaged blob, is
 *                    InvalidCiphertextException)
 *   GenerateDataKey  https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKey.html
 *                    (KeySpec AES_256 | AES_128, or NumberOfBytes 1–1024, exactly one of them)
 * A KeyId may be the key id, the key ARN, the alias name or the alias ARN; anything else is
 * NotFoundException. `DryRun: true` answers DryRunOperationException, as KMS does.
 *
 * Not emulated: key policies and IAM (the CDK template carries those, test/infra proves them), grants,
 * other keys, asymmetric keys.
 */
import { randomBytes } from 'node:crypto';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from './aws-clients';
import {
  AwsServiceError,
  optionalString,
  requireString,
  startAwsJsonEndpoint,
  validation,
} from './aws-json-endpoint';
import { CiphertextRefused, LocalKmsKey, type EncryptionContextMap } from './local-kms-key';
import type { LocalLog } from '../log';

export interface KmsEndpointOptions {
  key: LocalKmsKey;
  /** an alias for the key, e.g. `alias/meta-connector/token-vault` */
  alias?: string;
  log?: LocalLog;
}

export interface KmsEndpoint {
  /** `http://127.0.0.1:<port>`, the KMS client's endpoint */
  url: string;
  keyId: string;
  keyArn: string;
  close(): Promise<void>;
}

const MAX_PLAINTEXT_BYTES = 4096;
const MAX_CIPHERTEXT_BYTES = 6144;
const MAX_DATA_KEY_BYTES = 1024;
const KEY_SPEC_BYTES: Readonly<Record<string, number>> = { AES_256: 32, AES_128: 16 };
const SYMMETRIC_DEFAULT = 'SYMMETRIC_DEFAULT';

export async function startKmsEndpoint(options: KmsEndpointOptions): Promise<KmsEndpoint> {
  const { key } = options;
  const arnPrefix = `arn:aws:kms:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:`;
  const keyArn = `${arnPrefix}key/${key.keyId}`;
  const names = new Set([key.keyId, keyArn]);
  if (options.alias) names.add(options.alias).add(`${arnPrefix}${options.alias}`);

  const resolveKey = (keyId: string) => {
    if (names.has(keyId)) return key;
    throw new AwsServiceError(
      'NotFoundException',
      keyId.includes('alias/') ? `Alias ${keyId} is not found.` : `Key '${keyId}' does not exist`,
    );
  };

  const encrypt = (input: Record<string, unknown>) => {
    const target = resolveKey(requireString(input, 'KeyId'));
    const plaintext = blob(input, 'Plaintext', MAX_PLAINTEXT_BYTES);
    const context = encryptionContext(input);
    symmetricOnly(input);
    dryRun(input);
    return {
      CiphertextBlob: target.encrypt(plaintext, context).toString('base64'),
      KeyId: keyArn,
      EncryptionAlgorithm: SYMMETRIC_DEFAULT,
    };
  };

  const decrypt = (input: Record<string, unknown>) => {
    const ciphertext = blob(input, 'CiphertextBlob', MAX_CIPHERTEXT_BYTES);
    const context = encryptionContext(input);
    const named = optionalString(input, 'KeyId');
    symmetricOnly(input);
    // a blob of another key (another runtime's, say) presented with this key's id
    if (named !== undefined && !resolveKey(named).owns(ciphertext) && LocalKmsKey.isBlob(ciphertext))
      throw new AwsServiceError(
        'IncorrectKeyException',
        'The key ID in the request does not identify a CMK that can perform this operation.',
      );
    dryRun(input);
    try {
      return {
        KeyId: keyArn,
        Plaintext: key.decrypt(ciphertext, context).toString('base64'),
        EncryptionAlgorithm: SYMMETRIC_DEFAULT,
      };
    } catch (err) {
      if (!(err instanceof CiphertextRefused)) throw err;
      // KMS says nothing more (no hint whether the key, the context or the bytes were wrong)
      throw new AwsServiceError('InvalidCiphertextException', '');
    }
  };

  const generateDataKey = (input: Record<string, unknown>) => {
    const target = resolveKey(requireString(input, 'KeyId'));
    const bytes = dataKeyLength(input);
    const context = encryptionContext(input);
    dryRun(input);
    const plaintext = randomBytes(bytes);
    return {
      CiphertextBlob: target.encrypt(plaintext, context).toString('base64'),
      Plaintext: plaintext.toString('base64'),
      KeyId: keyArn,
    };
  };

  const endpoint = await startAwsJsonEndpoint({
    name: 'kms',
    targetPrefix: 'TrentService',
    operations: { Encrypt: encrypt, Decrypt: decrypt, GenerateDataKey: generateDataKey },
    log: options.log,
  });
  return { url: endpoint.url, keyId: key.keyId, keyArn, close: endpoint.close };
}

function blob(input: Record<string, unknown>, member: string, maxBytes: number): Buffer {
  const value = input[member];
  if (value === undefined || value === null) throw validation(member, 'must not be null');
  if (typeof value !== 'string')
    throw new AwsServiceError('SerializationException', `${member} is not a blob`);
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length < 1) throw validation(member, 'must have length greater than or equal to 1');
  if (bytes.length > maxBytes) throw validation(member, `must have length less than or equal to ${maxBytes}`);
  return bytes;
}

function encryptionContext(input: Record<string, unknown>): EncryptionContextMap {
  const value = input.EncryptionContext;
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw new AwsServiceError('SerializationException', 'EncryptionContext is not a map');
  for (const v of Object.values(value)) {
    if (typeof v !== 'string')
      throw new AwsServiceError('SerializationException', 'EncryptionContext values must be strings');
  }
  return value as EncryptionContextMap;
}

function symmetricOnly(input: Record<string, unknown>) {
  const algorithm = optionalString(input, 'EncryptionAlgorithm');
  if (algorithm !== undefined && algorithm !== SYMMETRIC_DEFAULT)
    throw new AwsServiceError(
      'InvalidKeyUsageException',
      `${algorithm} is not supported by a symmetric encryption key`,
    );
}

function dataKeyLength(input: Record<string, unknown>): number {
  const spec = optionalString(input, 'KeySpec');
  const count = input.NumberOfBytes;
  if ((spec === undefined) === (count === undefined || count === null))
    throw new AwsServiceError('ValidationException', 'Please specify either number of bytes or key spec.');
  if (spec !== undefined) {
    const bytes = KEY_SPEC_BYTES[spec];
    if (!bytes) throw validation('KeySpec', 'must satisfy enum value set: [AES_256, AES_128]');
    return bytes;
  }
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_DATA_KEY_BYTES)
    throw validation('NumberOfBytes', `must have value between 1 and ${MAX_DATA_KEY_BYTES}`);
  return count;
}

function dryRun(input: Record<string, unknown>) {
  if (input.DryRun === true)
    throw new AwsServiceError(
      'DryRunOperationException',
      'The request would have succeeded, but the DryRun option is set.',
    );
}
