/** Tenant API for Meta connections: start the OAuth flow, read connections and assets, select and revoke. */
import { FEATURES, SCOPE_REGISTRY } from '../../../core/scopes/scope-registry';
import { API_PREFIX } from '../../../platform/contracts/routes';
import { lambdaExports } from '../../../platform/wiring/lambda-handler';
import { tenantApi } from '../../../platform/wiring/tenant-api';
import { CONNECTION_OPERATIONS as OPS } from '../contracts/http';
import { connectionView } from '../core/connection';
import { disconnect } from '../core/disconnect';
import { getAssets, listConnections, requireConnection, selectAssets } from '../core/manage-connections';
import { revokeAsset } from '../core/revoke-asset';
import { startAuthorization } from '../core/start-authorization';
import { connectionsApiWiring } from '../api-wiring';
import { CONNECTIONS_MODULE } from '../module';
import { awsConnectionsApiRuntime, type ConnectionsApiRuntime } from '../wiring';

export function createHandler(rt: ConnectionsApiRuntime) {
  const w = connectionsApiWiring(rt);
  return tenantApi(rt, CONNECTIONS_MODULE, (route) => ({
    [`POST ${API_PREFIX}/connections/meta`]: route(
      OPS.startMetaConnection,
      (who, { body }) => startAuthorization(w.connect, { ...body, tenantId: who.tenantId, actor: who.actor }),
      201,
    ),
    [`GET ${API_PREFIX}/connections`]: route(OPS.listConnections, (who, { query }) =>
      listConnections(w.connect, who.tenantId, query),
    ),
    [`GET ${API_PREFIX}/connections/{id}`]: route(OPS.getConnection, async (who, { params }) => {
      const connection = await requireConnection(w.connect, who.tenantId, params.id);
      const pageHealth = await w.pageHealth.listPageHealth(who.tenantId, params.id);
      return { ...connectionView(connection), pageHealth };
    }),
    [`GET ${API_PREFIX}/connections/{id}/assets`]: route(OPS.listConnectionAssets, (who, { params, query }) =>
      getAssets(w.connect, who.tenantId, params.id, {
        refresh: query.refresh === 'true',
        actor: who.actor,
      }),
    ),
    [`DELETE ${API_PREFIX}/connections/{id}`]: route(
      OPS.deleteConnection,
      (who, { params }) => disconnect(w.disconnect, who.tenantId, params.id, who.actor),
      202,
    ),
    [`DELETE ${API_PREFIX}/connections/{id}/assets/{assetId}`]: route(
      OPS.revokeConnectionAsset,
      (who, { params }) => revokeAsset(w.connect, who.tenantId, params.id, params.assetId, who.actor),
      202,
    ),
    [`GET ${API_PREFIX}/permissions`]: route(OPS.listPermissions, async () => ({
      features: FEATURES,
      items: SCOPE_REGISTRY,
    })),
    [`PUT ${API_PREFIX}/connections/{id}/selection`]: route(
      OPS.putConnectionSelection,
      (who, { params, body }) => selectAssets(w.connect, who.tenantId, params.id, body, who.actor),
    ),
  }));
}

export const { awsRuntime, handler } = lambdaExports(awsConnectionsApiRuntime, createHandler);
