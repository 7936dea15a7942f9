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

export const LAMBDA_BUNDLING = {
  minify: true,
  target: 'node24',
  // prefer ES module builds so esbuild can drop unused SDK code
  mainFields: ['module', 'main'],
  alias: { [LAMBDA_CREDENTIALS.module]: LAMBDA_CREDENTIALS.replacement },
} as const;
