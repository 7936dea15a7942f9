/**
 * What one queue batch of leads shares. Reads that do not change in the second a batch takes — the
 * tenants that selected a Page, a connection, its Page token, a form's field mapping, a tenant's
 * settings — are made once per batch, and a Page's last delivery time is written once per batch, instead
 * of once per lead: under load a batch holds up to ten leads of the same Page, and these were six of a
 * lead's DynamoDB calls. Nothing outlives the batch, so a mapping or a setting changed now applies to the
 * next batch. A read that failed is not remembered: the next lead of the batch asks again.
 */
import {
  batchMemo,
  boundMethods,
  onceRoutesAndConnections,
  onceSettings,
} from '../../../platform/core/batch-memo';
import type { LeadPipelineDeps } from '../ports';

export function withBatchScope(deps: LeadPipelineDeps): LeadPipelineDeps {
  const once = batchMemo();
  const { connections, leads, syncState, settings } = deps;
  return {
    ...deps,
    connections: {
      ...onceRoutesAndConnections(connections, once),
      pageToken: (t, c, p) => once(`tok|${t}|${c}|${p}`, () => connections.pageToken(t, c, p)),
    },
    leads: {
      ...boundMethods(leads),
      getMapping: (t, f) => once(`map|${t}|${f}`, () => leads.getMapping(t, f)),
    },
    syncState: {
      ...boundMethods(syncState),
      updatePageHealth: (t, c, p, patch) =>
        Object.keys(patch).every((k) => k === 'lastDeliveryAt')
          ? once(`dlv|${t}|${c}|${p}`, () => syncState.updatePageHealth(t, c, p, patch))
          : syncState.updatePageHealth(t, c, p, patch),
    },
    settings: onceSettings(settings, once),
  };
}
