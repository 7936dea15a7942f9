/** Helpers for the privacy tests: the whole table as a Scan sees it, and Meta's form-encoded callbacks. */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalRuntimeFixture } from './local-runtime';
import { signRequest } from '../../local/meta-simulator';
import { callbackWiring, deletionWorkerWiring } from '../../lambdas/modules/privacy/wiring';

export type Item = Record<string, any>;

export async function scanAll(rt: LocalRuntimeFixture): Promise<Item[]> {
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await rt.runtime.deps.clients.dynamo.send(
      new ScanCommand({ TableName: rt.runtime.config.tableName, ExclusiveStartKey: start }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Audit entries and deletion confirmations outlive a purge by design; they hold no Meta data. */
export const outlivesPurge = (i: Item) =>
  String(i.pk).endsWith('#AUDIT') || String(i.pk).startsWith('DELETION#');

/** Every item that mentions the connection anywhere (any attribute, nested too), but those two. */
export async function leftovers(rt: LocalRuntimeFixture, connectionId: string): Promise<Item[]> {
  return (await scanAll(rt)).filter((i) => JSON.stringify(i).includes(connectionId) && !outlivesPurge(i));
}

export const nowS = () => Math.floor(Date.now() / 1000);

export function signed(rt: LocalRuntimeFixture, payload: Record<string, unknown>): string {
  return signRequest(payload, rt.runtime.metaApp.appSecret);
}

/** A callback as Meta sends it: `application/x-www-form-urlencoded` with `signed_request`. */
export async function postSignedRequest(rt: LocalRuntimeFixture, path: string, signedRequest: string) {
  const res = await fetch(`${rt.runtime.apiUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ signed_request: signedRequest }).toString(),
  });
  const text = await res.text();
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    json: text ? JSON.parse(text) : undefined,
  };
}

/** The privacy use cases' dependencies as the local runtime's functions build them. */
export function privacyDeps(rt: LocalRuntimeFixture) {
  const deps = rt.runtime.deps;
  const exports = deps.clients.exports;
  if (!exports) throw new Error('the local runtime has no export store');
  return {
    callbacks: callbackWiring(deps),
    purge: deletionWorkerWiring({ ...deps, clients: { ...deps.clients, exports } }).purge,
  };
}
