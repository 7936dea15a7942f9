/** Tenant API for Meta connections: start the OAuth flow, read connections and assets, select assets. */
import { startAuthorization } from '../../core/oauth/start-authorization';
import {
  getAssets,
  listConnections,
  requireConnection,
  selectAssets,
} from '../../core/connections/manage-connections';
import { connectionView } from '../../core/connections/connection';
import { FEATURES, SCOPE_REGISTRY } from '../../core/scopes/scope-registry';
import { disconnect } from '../../core/privacy/disconnect';
import { revokeAsset } from '../../core/privacy/revoke-asset';
import { ASSET_PURGE_REQUESTED } from '../../app/topology';
import { PRIVACY_OPERATIONS } from './schemas/privacy-schemas';
import { lazyHandler } from '../common/aws-dependencies';
import type { AppDependencies } from '../common/dependencies';
import { httpHandler, json } from '../../platform/handlers/http-handler';
import { parseRequest } from '../../platform/handlers/parse-request';
import { callerFrom } from '../../platform/handlers/tenant-context';
import { API_PREFIX } from '../../app/route-table';
import { CONNECTION_OPERATIONS as OPS } from './schemas/connection-schemas';

export function createHandler(deps: AppDependencies) {
  const caller = (e: Parameters<typeof callerFrom>[0]) => callerFrom(e, deps.config.tenantClaim);
  return httpHandler(deps, {
    [`POST ${API_PREFIX}/connections/meta`]: async (event) => {
      const who = caller(event);
      const { body } = parseRequest(event, OPS.startMetaConnection);
      const result = await startAuthorization(deps.connect, {
        ...body,
        tenantId: who.tenantId,
        actor: who.actor,
      });
      return json(201, result);
    },
    [`GET ${API_PREFIX}/connections`]: async (event) => {
      const who = caller(event);
      const { query } = parseRequest(event, OPS.listConnections);
      return json(200, await listConnections(deps.connect, who.tenantId, query));
    },
    [`GET ${API_PREFIX}/connections/{id}`]: async (event) => {
      const who = caller(event);
      const { params } = parseRequest(event, OPS.getConnection);
      const connection = await requireConnection(deps.connect, who.tenantId, params.id);
      const pageHealth = await deps.syncState.listPageHealth(who.tenantId, params.id);
      return json(200, { ...connectionView(connection), pageHealth });
    },
    [`GET ${API_PREFIX}/connections/{id}/assets`]: async (event) => {
      const who = caller(event);
      const { params, query } = parseRequest(event, OPS.listConnectionAssets);
      const catalog = await getAssets(deps.connect, who.tenantId, params.id, {
        refresh: query.refresh === 'true',
        actor: who.actor,
      });
      return json(200, catalog);
    },
    [`DELETE ${API_PREFIX}/connections/{id}`]: async (event) => {
      const who = caller(event);
      const { params } = parseRequest(event, PRIVACY_OPERATIONS.deleteConnection);
      return json(202, await disconnect(deps.privacy, who.tenantId, params.id, who.actor));
    },
    [`DELETE ${API_PREFIX}/connections/{id}/assets/{assetId}`]: async (event) => {
      const who = caller(event);
      const { params } = parseRequest(event, PRIVACY_OPERATIONS.revokeConnectionAsset);
      return json(
        202,
        await revokeAsset(
          { privacy: deps.privacy, connect: deps.connect, assetPurgeDetailType: ASSET_PURGE_REQUESTED },
          who.tenantId,
          params.id,
          params.assetId,
          who.actor,
        ),
      );
    },
    [`GET ${API_PREFIX}/permissions`]: async (event) => {
      caller(event);
      parseRequest(event, OPS.listPermissions);
      return json(200, { features: FEATURES, items: SCOPE_REGISTRY });
    },
    [`PUT ${API_PREFIX}/connections/{id}/selection`]: async (event) => {
      const who = caller(event);
      const { params, body } = parseRequest(event, OPS.putConnectionSelection);
      return json(200, await selectAssets(deps.connect, who.tenantId, params.id, body, who.actor));
    },
  });
}

export const handler = lazyHandler(createHandler);
