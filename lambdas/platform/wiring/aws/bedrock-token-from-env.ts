/**
 * What the deployed bundles put where Bedrock Runtime imports `@aws-sdk/token-providers`
 * (lib/constructs/lambda-bundling.ts).
 *
 * The client signs with SigV4, the execution role's keys, unless a Bedrock API key is in
 * AWS_BEARER_TOKEN_BEDROCK: then it sends that key as a bearer token
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-use.html). Both keep working here. The
 * SDK's last link looks for an SSO token in ~/.aws/sso/cache and refreshes it with the SSO OIDC client,
 * about 20 KiB of the inbox bundle that can never answer in Lambda; it refuses here and says why. The
 * local runtime and the tests do not bundle, and keep the real module.
 */
import { setTokenFeature } from '@aws-sdk/core/client';
import { getBearerTokenEnvKey } from '@aws-sdk/core/httpAuthSchemes';
import { TokenProviderError } from '@smithy/core/config';

interface TokenInit {
  signingName?: string;
}

// as the SDK's own links do: the next link (or scheme) may still answer
const NEXT = { tryNextLink: true };

/** The SDK's `fromEnvSigningName`: the key in AWS_BEARER_TOKEN_<SIGNING NAME>, else a refusal. */
export const fromEnvSigningName =
  ({ signingName }: TokenInit = {}) =>
  async () => {
    if (!signingName)
      throw new TokenProviderError("Please pass 'signingName' to compute environment variable key", NEXT);
    const key = getBearerTokenEnvKey(signingName);
    if (!(key in process.env))
      throw new TokenProviderError(`Token not present in '${key}' environment variable`, NEXT);
    const token = { token: process.env[key] as string };
    setTokenFeature(token as Parameters<typeof setTokenFeature>[0], 'BEARER_SERVICE_ENV_VARS', '3');
    return token;
  };

/** The SDK's `nodeProvider` is its SSO token chain; a Lambda has no SSO cache. */
export const nodeProvider =
  (_init: TokenInit = {}) =>
  async () => {
    throw new TokenProviderError(
      'no SSO token in a Lambda bundle: Bedrock calls are signed with the execution role (SigV4), or carry the API key in AWS_BEARER_TOKEN_BEDROCK',
      NEXT,
    );
  };
