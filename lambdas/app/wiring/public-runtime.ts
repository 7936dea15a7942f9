/** The public function (readiness, the OpenAPI document) reads one variable and calls no AWS service. */
import { lambdaBasics } from '../../platform/wiring/basics';
import { publicUrlConfig, type Env } from '../../platform/wiring/env';
import type { PublicUrlConfig, Runtime } from '../../platform/wiring/runtime';

export type PublicRuntime = Runtime<PublicUrlConfig>;

export const awsPublicRuntime = (env: Env = process.env): PublicRuntime => ({
  config: publicUrlConfig(env),
  clients: {},
  ...lambdaBasics(),
});
