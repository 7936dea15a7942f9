/**
 * What one queue batch of leads shares. Reads that do not change in the second a batch takes — the
 * tenants that selected a Page, a connection, its Page token, a form's field mapping, a tenant's
 * settings — are made once per batch, and a Page's last delivery time is written once per batch, instead
 * of once per lead: under load a batch holds up to ten leads of the same Page, and these were six of a
 * lead's DynamoDB calls. Nothing outlives the batch, so a mapping or a setting changed now applies to the
 * next batch. A read that failed is not remembered: the next lead of the batch asks again.
 */
import type { LeadPipelineDeps } from '../ports';

export function withBatchScope(deps: LeadPipelineDeps): LeadPipelineDeps {
  const memo = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    let pending = memo.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = load();
      memo.set(key, pending);
      pending.catch(() => memo.delete(key));
    }
    return pending;
  };
  const { connections, leads, syncState, settings } = deps;
  return {
    ...deps,
    connections: {
      ...bound(connections),
      routesFor: (assetId) => once(`rt|${assetId}`, () => connections.routesFor(assetId)),
      get: (t, c) => once(`con|${t}|${c}`, () => connections.get(t, c)),
      pageToken: (t, c, p) => once(`tok|${t}|${c}|${p}`, () => connections.pageToken(t, c, p)),
    },
    leads: {
      ...bound(leads),
      getMapping: (t, f) => once(`map|${t}|${f}`, () => leads.getMapping(t, f)),
    },
    syncState: {
      ...bound(syncState),
      updatePageHealth: (t, c, p, patch) =>
        Object.keys(patch).every((k) => k === 'lastDeliveryAt')
          ? once(`dlv|${t}|${c}|${p}`, () => syncState.updatePageHealth(t, c, p, patch))
          : syncState.updatePageHealth(t, c, p, patch),
    },
    settings: {
      ...bound(settings),
      get: <T>(t: string, k: string) => once(`set|${t}|${k}`, () => settings.get<T>(t, k)),
    },
  };
}

/** The port's methods bound to it, so the ones the scope does not share work on the real adapter. */
function bound<T extends object>(port: T): T {
  const out = {} as Record<string, unknown>;
  for (let o: object | null = port; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const key of Object.getOwnPropertyNames(o)) {
      const v = (port as Record<string, unknown>)[key];
      if (key !== 'constructor' && typeof v === 'function' && !(key in out))
        out[key] = (v as (...a: unknown[]) => unknown).bind(port);
    }
  }
  return out as T;
}
