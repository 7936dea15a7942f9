/**
 * Secrets Manager's GetSecretValue, the one Secrets Manager operation the functions call
 * (https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html). A secret
 * value is at most 64 KB; `SecretBinary` is base64 on the wire.
 */
import * as z from '../../contracts/zod';
import type { AwsJsonClient } from './aws-json-client';
import { readAnswer } from './read-answer';

const SECRET_MAX_CHARS = 90_000;

const GetSecretValueAnswer = z.object({
  SecretString: z.optional(z.string().check(z.maxLength(SECRET_MAX_CHARS))),
  SecretBinary: z.optional(z.string().check(z.maxLength(SECRET_MAX_CHARS))),
});

export interface SecretsManagerApi {
  /** the secret's current value: its string, or its binary value decoded */
  getSecretValue(secretId: string): Promise<string | Uint8Array | undefined>;
}

export const secretsManagerApi = (client: AwsJsonClient): SecretsManagerApi => ({
  async getSecretValue(secretId) {
    const answer = readAnswer(
      GetSecretValueAnswer,
      await client.call('GetSecretValue', { SecretId: secretId }),
      'GetSecretValue',
    );
    if (answer.SecretString !== undefined) return answer.SecretString;
    return answer.SecretBinary !== undefined ? Buffer.from(answer.SecretBinary, 'base64') : undefined;
  },
});
