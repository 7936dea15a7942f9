/**
 * A function's configuration from its environment, one part at a time (platform/contracts/environment.ts
 * names the variables of each part): a function reads only the parts it uses, and one that misses a
 * variable fails at its first invocation naming it, rather than deep inside a request.
 */
import * as z from '../contracts/zod';
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

const name = z.string().check(z.minLength(1));
const csv = z.pipe(
  z.optional(z.string()),
  z.transform((s) =>
    (s ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  ),
);

/** Parses the variables `shape` names; throws naming every one that is missing or invalid. */
export function readEnv<S extends z.core.$ZodLooseShape>(env: Env, shape: S): z.output<z.ZodMiniObject<S>> {
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
    META_GRAPH_URL: z._default(z.url(), 'https://graph.facebook.com'),
    META_GRAPH_VERSION: z._default(z.string().check(z.regex(/^v\d+\.\d+$/)), 'v26.0'),
  });
  return { metaGraphUrl: e.META_GRAPH_URL, metaGraphVersion: e.META_GRAPH_VERSION };
}

export const queueConfig = (env: Env): QueueConfig => ({ queueUrls: queueUrlsFrom(env) });

export const tenantApiConfig = (env: Env): TenantApiConfig => ({
  tenantClaim: readEnv(env, { TENANT_CLAIM: z._default(name, 'tenant_id') }).TENANT_CLAIM,
});

export const publicUrlConfig = (env: Env): PublicUrlConfig => ({
  publicBaseUrl: readEnv(env, { PUBLIC_BASE_URL: z.url() }).PUBLIC_BASE_URL,
});

export function oauthConfig(env: Env): OAuthConfig {
  const e = readEnv(env, {
    META_LOGIN_URL: z._default(z.url(), 'https://www.facebook.com'),
    RETURN_URL_ALLOWLIST: csv,
  });
  return {
    metaLoginUrl: e.META_LOGIN_URL,
    returnUrlAllowlist: e.RETURN_URL_ALLOWLIST,
    allowLocalhostReturnUrls: false,
  };
}
