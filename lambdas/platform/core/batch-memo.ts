/**
 * The pieces of a queue batch's scope (a module's batch-scope.ts): reads made once per batch, and a
 * port's methods bound to it so a scope can replace some and keep the rest.
 */

/**
 * `once(key, load)` loads a key the first time the batch asks and shares the promise afterwards, so
 * records processed at the same time wait for one read. A read that failed is not remembered: the next
 * record asks again.
 */
export function batchMemo() {
  const memo = new Map<string, Promise<unknown>>();
  return <T>(key: string, load: () => Promise<T>): Promise<T> => {
    let pending = memo.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = load();
      memo.set(key, pending);
      pending.catch(() => memo.delete(key));
    }
    return pending;
  };
}

/** The port's methods bound to it, so the ones a scope does not replace work on the real adapter. */
export function boundMethods<T extends object>(port: T): T {
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

/** What `batchMemo()` returns. */
export type BatchMemo = ReturnType<typeof batchMemo>;

/** What every module fed by Meta's webhooks reads first for a change: who selected the asset, and a connection. */
interface RouteReads {
  routesFor(assetId: string): Promise<unknown>;
  get(tenantId: string, connectionId: string): Promise<unknown>;
}

/** A connections port whose routes and connections are read once per batch (the keys the batch shares). */
export function onceRoutesAndConnections<P extends RouteReads>(connections: P, once: BatchMemo): P {
  return {
    ...boundMethods(connections),
    routesFor: (assetId: string) => once(`rt|${assetId}`, () => connections.routesFor(assetId)),
    get: (t: string, c: string) => once(`con|${t}|${c}`, () => connections.get(t, c)),
  } as P;
}

/** The tenant's settings, each read once per batch. */
export function onceSettings<S extends { get<T>(tenantId: string, key: string): Promise<T | undefined> }>(
  settings: S,
  once: BatchMemo,
): S {
  return {
    ...boundMethods(settings),
    get: <T>(t: string, k: string) => once(`set|${t}|${k}`, () => settings.get<T>(t, k)),
  } as S;
}
