/** Tenant API for Meta connections: start the OAuth flow, read connections and assets, select and revoke. */
import { FEATURES, SCOPE_REGISTRY } from '../../../core/scopes/scope-registry';
import { API_PREFIX } from '../../../platform/contracts/routes';
import { httpHandler, json } from '../../../platform/handlers/http-handler';
import { parseRequest } from '../../../platform/handlers/parse-request';
import { callerFrom } from '../../../platform/handlers/tenant-context';
import { lambdaHandler } from '../../../platform/wiring/lambda-handler';
import { CONNECTION_OPERATIONS as OPS } from '../contracts/http';
import { connectionView } from '../core/connection';
import { disconnect } from '../core/disconnect';
import { getAssets, listConnections, requireConnection, selectAssets } from '../core/manage-connections';
import { revokeAsset } from '../core/revoke-asset';
import { startAuthorization } from '../core/start-authorization';
import { connectionsApiWiring } from '../api-wiring';
import { awsConnectionsApiRuntime, type ConnectionsApiRuntime } from '../wiring';

export function createHandler(rt: ConnectionsApiRuntime) {
  const caller = (e: Parameters<typeof callerFrom>[0]) => callerFrom(e, rt.config.tenantClaim);
  const w = connectionsApiWiring(rt);
  return httpHandler(
    { ...rt, httpIdempotency: w.httpIdempotency },
    {
      [`POST ${API_PREFIX}/connections/meta`]: async (event) => {
        const who = caller(event);
        const { body } = parseRequest(event, OPS.startMetaConnection);
        const result = await startAuthorization(w.connect, {
          ...body,
          tenantId: who.tenantId,
          actor: who.actor,
        });
        return json(201, result);
      },
      [`GET ${API_PREFIX}/connections`]: async (event) => {
        const who = caller(event);
        const { query } = parseRequest(event, OPS.listConnections);
        return json(200, await listConnections(w.connect, who.tenantId, query));
      },
      [`GET ${API_PREFIX}/connections/{id}`]: async (event) => {
        const who = caller(event);
        const { params } = parseRequest(event, OPS.getConnection);
        const connection = await requireConnection(w.connect, who.tenantId, params.id);
        const pageHealth = await w.pageHealth.listPageHealth(who.tenantId, params.id);
        return json(200, { ...connectionView(connection), pageHealth });
      },
      [`GET ${API_PREFIX}/connections/{id}/assets`]: async (event) => {
        const who = caller(event);
        const { params, query } = parseRequest(event, OPS.listConnectionAssets);
        const catalog = await getAssets(w.connect, who.tenantId, params.id, {
          refresh: query.refresh === 'true',
          actor: who.actor,
        });
        return json(200, catalog);
      },
      [`DELETE ${API_PREFIX}/connections/{id}`]: async (event) => {
        const who = caller(event);
        const { params } = parseRequest(event, OPS.deleteConnection);
        return json(202, await disconnect(w.disconnect, who.tenantId, params.id, who.actor));
      },
      [`DELETE ${API_PREFIX}/connections/{id}/assets/{assetId}`]: async (event) => {
        const who = caller(event);
        const { params } = parseRequest(event, OPS.revokeConnectionAsset);
        return json(202, await revokeAsset(w.connect, who.tenantId, params.id, params.assetId, who.actor));
      },
      [`GET ${API_PREFIX}/permissions`]: async (event) => {
        caller(event);
        parseRequest(event, OPS.listPermissions);
        return json(200, { features: FEATURES, items: SCOPE_REGISTRY });
      },
      [`PUT ${API_PREFIX}/connections/{id}/selection`]: async (event) => {
        const who = caller(event);
        const { params, body } = parseRequest(event, OPS.putConnectionSelection);
        return json(200, await selectAssets(w.connect, who.tenantId, params.id, body, who.actor));
      },
    },
  );
}

/** what `handler` builds its runtime with, from the environment the stack sets (test/infra checks the two agree) */
export const awsRuntime = awsConnectionsApiRuntime;

export const handler = lambdaHandler(awsRuntime, createHandler);
