/**
 * A Page's webhook subscription belongs to the app, not to a tenant: `POST /{page-id}/subscribed_apps`
 * sets the app's field list for the Page
 * (https://developers.facebook.com/docs/graph-api/reference/page/subscribed_apps/). When an agency and
 * the business itself both select a Page for different features, the Page must carry the union of the
 * fields every live selection needs; a deselection leaves the union of the others, and the app is
 * unsubscribed only when no selection needs the Page any more.
 */
import type { ConnectionStore } from '../ports';
import type { Feature } from '../../../core/scopes/scope-registry';
import { pageFieldsForFeatures } from '../../../core/webhooks/page-subscription-fields';

export interface PageFieldUnion {
  fields: string[];
  /** the selections (tenant + connection) that need fields on this Page */
  selections: number;
}

export async function pageFieldUnion(
  connections: Pick<ConnectionStore, 'routesFor' | 'get'>,
  pageId: string,
  opts: {
    /** a selection being removed: its needs no longer count */
    without?: { tenantId: string; connectionId: string };
    /** a selection being made that is not stored yet */
    adding?: { tenantId: string; connectionId: string; features: readonly Feature[] };
  } = {},
): Promise<PageFieldUnion> {
  const same = (
    a: { tenantId: string; connectionId: string },
    b?: { tenantId: string; connectionId: string },
  ) => !!b && a.tenantId === b.tenantId && a.connectionId === b.connectionId;
  const routes = (await connections.routesFor(pageId)).filter(
    (r) => r.assetType === 'pages' && !same(r, opts.without) && !same(r, opts.adding),
  );
  const features: Feature[][] = [];
  for (const r of routes) {
    const c = await connections.get(r.tenantId, r.connectionId);
    // a revoked or expired connection is served again only after a reconnect, which selects anew
    if (c && (c.status === 'active' || c.status === 'expiring')) features.push(c.features);
  }
  if (opts.adding) features.push([...opts.adding.features]);
  const needing = features.filter((f) => pageFieldsForFeatures(f).length > 0);
  return { fields: pageFieldsForFeatures(needing.flat()), selections: needing.length };
}
