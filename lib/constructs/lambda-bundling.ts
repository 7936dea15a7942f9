/**
 * How every function is bundled, in one place: the stack's NodejsFunction and `npm run bench -- bundles`
 * both read it, so the benchmark measures the asset CDK deploys.
 */
import * as path from 'node:path';
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

export const LAMBDA_BUNDLING = {
  minify: true,
  target: 'node24',
  // prefer ES module builds so esbuild can drop unused SDK code
  mainFields: ['module', 'main'],
  alias: {
    [LAMBDA_CREDENTIALS.module]: LAMBDA_CREDENTIALS.replacement,
    [XRAY_WITHOUT_SDK_V2.module]: XRAY_WITHOUT_SDK_V2.replacement,
  },
} as const;
