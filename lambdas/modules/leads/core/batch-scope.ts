/**
 * What one queue batch of leads shares. Reads that do not change in the second a batch takes — the
 * tenants that selected a Page, a connection, its Page token, a form's field mapping, a tenant's
 * settings — are made once per batch, and
 * a Page's last delivery time is written once per batch, instead of once per lead: under load a batch
 * holds up to ten leads of the same Page, and these were six of a lead's DynamoDB calls. Nothing
 * outlives the batch, so a mapping or a setting changed now applies to the next batch.
 */
import type { LeadDeps } from '../ports/index';

export function withBatchScope(deps: LeadDeps): LeadDeps {
  const memo = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    let pending = memo.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = load();
      memo.set(key, pending);
      // a failed read is not remembered: the next lead of the batch asks again
      pending.catch(() => memo.delete(key));
    }
    return pending;
  };
  return {
    ...deps,
    routes: Object.assign(Object.create(deps.routes) as LeadDeps['routes'], {
      routesFor: (assetId: string) => once(`rt|${assetId}`, () => deps.routes.routesFor(assetId)),
    }),
    connections: Object.assign(Object.create(deps.connections) as LeadDeps['connections'], {
      get: (t: string, c: string) => once(`con|${t}|${c}`, () => deps.connections.get(t, c)),
      getPageToken: (t: string, c: string, p: string) =>
        once(`tok|${t}|${c}|${p}`, () => deps.connections.getPageToken(t, c, p)),
    }),
    leads: Object.assign(Object.create(deps.leads) as LeadDeps['leads'], {
      getMapping: (t: string, f: string) => once(`map|${t}|${f}`, () => deps.leads.getMapping(t, f)),
    }),
    syncState: Object.assign(Object.create(deps.syncState) as LeadDeps['syncState'], {
      updatePageHealth: (...args: Parameters<LeadDeps['syncState']['updatePageHealth']>) => {
        const [t, c, p, patch] = args;
        const onlyDelivery = Object.keys(patch).every((k) => k === 'lastDeliveryAt');
        return onlyDelivery
          ? once(`dlv|${t}|${c}|${p}`, () => deps.syncState.updatePageHealth(...args))
          : deps.syncState.updatePageHealth(...args);
      },
    }),
    settings: Object.assign(Object.create(deps.settings) as LeadDeps['settings'], {
      get: <T>(t: string, k: string) => once(`set|${t}|${k}`, () => deps.settings.get<T>(t, k)),
    }),
  };
}
