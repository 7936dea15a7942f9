/**
 * The credentials a function has in Lambda: its execution role's keys, which Lambda sets in the environment
 * (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN;
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime).
 *
 * The deployed bundles put this module where the SDK clients import `@aws-sdk/credential-provider-node`
 * (lib/constructs/lambda-bundling.ts). That default chain tries the environment first too, so in Lambda it
 * answers with the same keys; its other links (SSO, login, ini and process profiles, web identity,
 * instance metadata) can never answer there, and with the STS and SSO clients they need they were about
 * 130 KiB of every bundle. The local runtime and the tests do not bundle, and keep the default chain.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';

type FromEnvInit = Parameters<typeof fromEnv>[0];

/** Same name and shape as the SDK's `defaultProvider`, which the clients' runtime config calls. */
export const defaultProvider = (init?: FromEnvInit) => fromEnv(init);
