/**
 * The connections API's wiring: the acting pieces (wiring.ts) with what only the API uses — the OAuth
 * state store, the Page health it shows and the deletion requests a disconnect starts.
 */
import { DynamoSyncState } from '../../adapters/dynamodb/sync-state-repository';
import { DynamoOAuthStateStore } from './adapters/dynamo-oauth-state-store';
import { PrivacyDeletionRequests } from './adapters/privacy-deletion-requests';
import type { ConnectDeps, DisconnectDeps, PageHealthStore, RevokeAssetDeps } from './ports';
import { actingWiring, connectSettings, type ConnectionsApiRuntime } from './wiring';

export interface ConnectionsApiWiring {
  connect: ConnectDeps & RevokeAssetDeps;
  disconnect: DisconnectDeps;
  pageHealth: Pick<PageHealthStore, 'listPageHealth'>;
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
  };
}
