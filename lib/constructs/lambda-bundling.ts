/**
 * How every function is bundled, in one place: the stack's NodejsFunction and `npm run bench -- bundles`
 * both read it, so the benchmark measures the asset CDK deploys.
 */
import * as path from 'node:path';
import type { FunctionNeeds } from '../function-needs';
import { REPO_ROOT } from '../paths';

/** Where the SDK's default credential chain is replaced by the Lambda one (lambda-credentials.ts says why). */
export const LAMBDA_CREDENTIALS = {
  module: '@aws-sdk/credential-provider-node',
  replacement: path.join(REPO_ROOT, 'lambdas/platform/wiring/aws/lambda-credentials.ts'),
} as const;

/** Where the X-Ray SDK's `semver` (needed only by its SDK v2 patcher) is replaced (xray-without-sdk-v2.ts says why). */
export const XRAY_WITHOUT_SDK_V2 = {
  module: 'semver',
  replacement: path.join(REPO_ROOT, 'lambdas/platform/wiring/aws/xray-without-sdk-v2.ts'),
} as const;

/** Where Bedrock's token providers lose their SSO link (bedrock-token-from-env.ts says why). */
export const BEDROCK_TOKEN_FROM_ENV = {
  module: '@aws-sdk/token-providers',
  replacement: path.join(REPO_ROOT, 'lambdas/platform/wiring/aws/bedrock-token-from-env.ts'),
} as const;

export const LAMBDA_BUNDLING = {
  minify: true,
  target: 'node24',
  // prefer ES module builds so esbuild can drop unused SDK code
  mainFields: ['module', 'main'],
  alias: {
    [LAMBDA_CREDENTIALS.module]: LAMBDA_CREDENTIALS.replacement,
    [XRAY_WITHOUT_SDK_V2.module]: XRAY_WITHOUT_SDK_V2.replacement,
    [BEDROCK_TOKEN_FROM_ENV.module]: BEDROCK_TOKEN_FROM_ENV.replacement,
  },
} as const;

/** Where the SDK's event-stream serde is replaced, in functions that stream nothing (sdk-without-event-streams.ts). */
export const SDK_WITHOUT_EVENT_STREAMS = {
  module: '@smithy/core/event-streams',
  replacement: path.join(REPO_ROOT, 'lambdas/platform/wiring/aws/sdk-without-event-streams.ts'),
} as const;

export interface BundlingAliases {
  alias: Record<string, string>;
  /** why the SDK's event streams are, or are not, in the bundle */
  eventStreams: 'kept_bedrock_streams' | 'left_out_no_streaming_client';
}

/**
 * The aliases of one function's bundle. Of the SDK clients this service uses, only Bedrock Runtime has
 * event-stream operations and imports the serde itself (S3's objects go through
 * lambdas/platform/adapters/aws-http/s3-objects.ts, with no SDK client); a function without the `bedrock`
 * need streams nothing.
 */
export function bundlingAliases(needs: Pick<FunctionNeeds, 'bedrock'>): BundlingAliases {
  const alias: Record<string, string> = { ...LAMBDA_BUNDLING.alias };
  if (needs.bedrock) return { alias, eventStreams: 'kept_bedrock_streams' };
  alias[SDK_WITHOUT_EVENT_STREAMS.module] = SDK_WITHOUT_EVENT_STREAMS.replacement;
  return { alias, eventStreams: 'left_out_no_streaming_client' };
}
