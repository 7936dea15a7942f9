/**
 * A function's configuration from its environment, one part at a time (platform/contracts/environment.ts
 * names the variables of each part): a function reads only the parts it uses, and one that misses a
 * variable fails at its first invocation naming it, rather than deep inside a request.
 */
import * as z from 'zod';
import { queueUrlsFrom } from '../contracts/environment';
import type {
  BusConfig,
  GraphConfig,
  OAuthConfig,
  PublicUrlConfig,
  QueueConfig,
  TableConfig,
  TenantApiConfig,
} from './runtime';

export type Env = Readonly<Record<string, string | undefined>>;

const name = z.string().min(1);
const csv = z
  .string()
  .optional()
  .transform((s) =>
    (s ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

/** Parses the variables `shape` names; throws naming every one that is missing or invalid. */
export function readEnv<S extends z.ZodRawShape>(env: Env, shape: S): z.output<z.ZodObject<S>> {
  const parsed = z.object(shape).safeParse(env);
  if (!parsed.success) {
    const names = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new Error(`Lambda environment is incomplete or invalid: ${names}`);
  }
  return parsed.data;
}

export const tableConfig = (env: Env): TableConfig => ({
  tableName: readEnv(env, { TABLE_NAME: name }).TABLE_NAME,
});

export const busConfig = (env: Env): BusConfig => ({
  eventBusName: readEnv(env, { EVENT_BUS_NAME: name }).EVENT_BUS_NAME,
});

export function graphConfig(env: Env): GraphConfig {
  const e = readEnv(env, {
    META_GRAPH_URL: z.string().url().default('https://graph.facebook.com'),
    META_GRAPH_VERSION: z
      .string()
      .regex(/^v\d+\.\d+$/)
      .default('v26.0'),
  });
  return { metaGraphUrl: e.META_GRAPH_URL, metaGraphVersion: e.META_GRAPH_VERSION };
}

export const queueConfig = (env: Env): QueueConfig => ({ queueUrls: queueUrlsFrom(env) });

export const tenantApiConfig = (env: Env): TenantApiConfig => ({
  tenantClaim: readEnv(env, { TENANT_CLAIM: name.default('tenant_id') }).TENANT_CLAIM,
});

export const publicUrlConfig = (env: Env): PublicUrlConfig => ({
  publicBaseUrl: readEnv(env, { PUBLIC_BASE_URL: z.string().url() }).PUBLIC_BASE_URL,
});

export function oauthConfig(env: Env): OAuthConfig {
  const e = readEnv(env, {
    META_LOGIN_URL: z.string().url().default('https://www.facebook.com'),
    RETURN_URL_ALLOWLIST: csv,
  });
  return {
    metaLoginUrl: e.META_LOGIN_URL,
    returnUrlAllowlist: e.RETURN_URL_ALLOWLIST,
    allowLocalhostReturnUrls: false,
  };
}
