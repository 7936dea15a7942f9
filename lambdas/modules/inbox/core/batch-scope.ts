/**
 * What one queue batch of inbox changes shares. Reads that do not change in the second a batch takes —
 * the tenants that selected an asset, a connection, a tenant's settings (retention) — are made once per
 * batch instead of once per message: under load a batch holds up to ten messages of the same Page or
 * number, and these were three of a message's DynamoDB calls. Nothing outlives the batch, so a
 * connection revoked or a setting changed now applies to the next batch. A read that failed is not
 * remembered: the next message of the batch asks again.
 */
import { batchMemo, onceRoutesAndConnections, onceSettings } from '../../../platform/core/batch-memo';
import type { InboxDeps } from '../ports';

export function withBatchScope(deps: InboxDeps): InboxDeps {
  const once = batchMemo();
  const { connections, settings } = deps;
  return {
    ...deps,
    connections: onceRoutesAndConnections(connections, once),
    settings: onceSettings(settings, once),
  };
}
