/**
 * The connections module's wiring: from the platform's shared pieces it builds only the adapters each of
 * its functions uses. The API and the OAuth callback get the table, the bus, the vault, the Meta secret
 * and its Graph slice; the token watch and the subscription check the same without the OAuth settings;
 * the settings API the table alone. The API's own pieces (its idempotent creates, the deletion requests of a
 * disconnect) are in api-wiring.ts, so the jobs do not carry them.
 */
import { DynamoSyncState } from '../../adapters/dynamodb/sync-state-repository';
import { API_PREFIX } from '../../platform/contracts/routes';
import { awsDynamo } from '../../platform/wiring/aws/dynamo';
import { awsRuntimeOf } from '../../platform/wiring/aws-runtime';
import { busAccess } from '../../platform/wiring/bus';
import {
  oauthConfig,
  publicUrlConfig,
  tableConfig,
  tenantApiConfig,
  type Env,
} from '../../platform/wiring/env';
import { graphAccess } from '../../platform/wiring/graph';
import {
  awsGraphCallerRuntime,
  awsGraphCallerRuntimeWith,
  type GraphCallerRuntime,
} from '../../platform/wiring/graph-caller';
import type {
  GraphConfig,
  OAuthConfig,
  PublicUrlConfig,
  Runtime,
  TableConfig,
  TenantApiConfig,
} from '../../platform/wiring/runtime';
import { tableAccess } from '../../platform/wiring/table';
import { ConnectionsGraphGateway } from './adapters/connections-graph-gateway';
import { DynamoConnectionStore } from './adapters/dynamo-connection-store';
import { DynamoOAuthStateStore } from './adapters/dynamo-oauth-state-store';
import type { ConnectDeps, ConnectSettings, SubscriptionCheckDeps } from './ports';

/** What a function that acts for connections reaches: the table, the bus, the vault and the Graph API. */
export type ActingRuntime<C = unknown> = GraphCallerRuntime<C>;

/** The OAuth callback: connects from Meta's redirect. */
export type OAuthCallbackRuntime = ActingRuntime<PublicUrlConfig & OAuthConfig>;
/** The connections API: starts connecting, lists, selects, disconnects. */
export type ConnectionsApiRuntime = ActingRuntime<PublicUrlConfig & OAuthConfig & TenantApiConfig>;
/** The daily jobs: the token watch and the subscription check. */
export type ConnectionJobRuntime = ActingRuntime;

/** The parts every acting function shares; each use case takes the slice it needs. */
export function actingWiring(rt: ActingRuntime) {
  const { db, tableName, audit } = tableAccess(rt);
  const { events, commands } = busAccess(rt);
  const secrets = rt.clients.secrets;
  const graph = new ConnectionsGraphGateway(graphAccess(rt).client, {
    appId: async () => (await secrets.metaApp()).appId,
    appSecret: async () => (await secrets.metaApp()).appSecret,
  });
  return {
    db,
    tableName,
    clock: rt.clock,
    ids: rt.ids,
    vault: rt.clients.vault,
    secrets,
    events,
    commands,
    audit,
    graph,
    connections: new DynamoConnectionStore(db, tableName),
  };
}

export function connectSettings(config: GraphConfig & PublicUrlConfig & OAuthConfig): ConnectSettings {
  return {
    graphVersion: config.metaGraphVersion,
    loginUrl: config.metaLoginUrl,
    redirectUri: `${config.publicBaseUrl.replace(/\/$/, '')}${API_PREFIX}/meta/oauth/callback`,
    returnUrls: { allowlist: config.returnUrlAllowlist, allowLocalhost: config.allowLocalhostReturnUrls },
  };
}

export function connectWiring(rt: OAuthCallbackRuntime): ConnectDeps {
  const w = actingWiring(rt);
  return {
    ...w,
    oauthStates: new DynamoOAuthStateStore(w.db, w.tableName),
    settings: connectSettings(rt.config),
  };
}

export function subscriptionCheckWiring(rt: ConnectionJobRuntime): SubscriptionCheckDeps {
  const w = actingWiring(rt);
  return { ...w, pageHealth: new DynamoSyncState(w.db, w.tableName) };
}

/** What the OAuth functions read besides a Graph caller's parts: the login settings. */
const oauthCallbackConfig = (e: Env) => ({ ...publicUrlConfig(e), ...oauthConfig(e) });

export const awsConnectionsApiRuntime = (env: Env = process.env): ConnectionsApiRuntime =>
  awsGraphCallerRuntimeWith(env, (e) => ({ ...oauthCallbackConfig(e), ...tenantApiConfig(e) }));

export const awsOAuthCallbackRuntime = (env: Env = process.env): OAuthCallbackRuntime =>
  awsGraphCallerRuntimeWith(env, oauthCallbackConfig);

export const awsConnectionJobRuntime = awsGraphCallerRuntime;

/** The settings API: the table alone (settings and their audit entries). */
export type SettingsRuntime = Runtime<TableConfig & TenantApiConfig, 'dynamo'>;

export const awsSettingsRuntime = (env: Env = process.env): SettingsRuntime =>
  awsRuntimeOf(
    env,
    (e) => ({ ...tableConfig(e), ...tenantApiConfig(e) }),
    (trace) => ({ dynamo: awsDynamo(trace) }),
  );
