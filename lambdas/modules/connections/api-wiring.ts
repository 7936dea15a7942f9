/**
 * The connections API's wiring: the acting pieces (wiring.ts) with what only the API uses — the OAuth
 * state store, the Page health it shows, the deletion requests a disconnect starts, and the
 * `Idempotency-Key` gate of its creates.
 */
import { DynamoSyncState } from '../../adapters/dynamodb/sync-state-repository';
import type { IdempotencyGate } from '../../platform/handlers/idempotency';
import { moduleIdempotencyGate } from '../../platform/wiring/http-idempotency';
import { DynamoOAuthStateStore } from './adapters/dynamo-oauth-state-store';
import { PrivacyDeletionRequests } from './adapters/privacy-deletion-requests';
import { CONNECTIONS_MODULE } from './module';
import type { ConnectDeps, DisconnectDeps, PageHealthStore, RevokeAssetDeps } from './ports';
import { actingWiring, connectSettings, type ConnectionsApiRuntime } from './wiring';

export interface ConnectionsApiWiring {
  connect: ConnectDeps & RevokeAssetDeps;
  disconnect: DisconnectDeps;
  pageHealth: Pick<PageHealthStore, 'listPageHealth'>;
  httpIdempotency: IdempotencyGate;
}

export function connectionsApiWiring(rt: ConnectionsApiRuntime): ConnectionsApiWiring {
  const w = actingWiring(rt);
  const connect = {
    ...w,
    oauthStates: new DynamoOAuthStateStore(w.db, w.tableName),
    settings: connectSettings(rt.config),
  };
  return {
    connect,
    disconnect: { ...w, deletions: new PrivacyDeletionRequests(w) },
    pageHealth: new DynamoSyncState(w.db, w.tableName),
    httpIdempotency: moduleIdempotencyGate(CONNECTIONS_MODULE, w, rt.config.tenantClaim),
  };
}
