/**
 * `GET /content` and `GET /content/{id}`: the synced posts and media with their latest figures, newest
 * first or by a chosen figure, each with its calendar post when this service published it; one item with
 * the history of its figures. Figures Meta removed or stopped serving are reported unavailable with why,
 * never as 0.
 */
import { DomainError, invalid, notFound } from '../../../platform/core/errors';
import type { Page } from '../../../platform/core/ports';
import type { ContentFilter, ContentRepository } from '../ports';
import { contentIdFor, type ContentLink, type ContentRecord } from './content-model';
import {
  CONTENT_METRIC_KEYS,
  metricsView,
  REMOVED_CONTENT_METRICS,
  unavailableKeys,
} from './content-metrics';

/** sorting by a figure reads the whole filtered range: beyond this many items, narrow it */
export const METRIC_SORT_CAP = 10_000;

export interface ContentQuery extends ContentFilter {
  /** `publishedAt` (default) or a metric key; always highest first */
  sort?: string;
  limit: number;
  cursor?: string;
}

/** `apiPrefix`: where this API is mounted (`/api/v1`), for the links between items and calendar posts */
export interface ContentReadDeps {
  content: ContentRepository;
  apiPrefix: string;
}
type Deps = ContentReadDeps;

function view(
  api: string,
  c: ContentRecord,
  link: ContentLink | undefined,
  unavailable: ReadonlySet<string>,
) {
  return {
    id: c.id,
    href: `${api}/content/${c.id}`,
    platform: c.platform,
    assetId: c.assetId,
    metaId: c.metaId,
    type: c.type,
    publishedAt: c.publishedAt,
    permalink: c.permalink,
    text: c.text,
    textTruncated: c.textTruncated,
    mediaUrl: c.mediaUrl,
    publishedBy: link ? ('this_service' as const) : ('outside' as const),
    calendar: link
      ? { postId: link.postId, target: link.targetKey, href: `${api}/posts/${link.postId}` }
      : null,
    metrics: metricsView(c.platform, c.metrics, unavailable),
    metricsAt: c.metricsAt,
    syncedAt: c.syncedAt,
  };
}

/** every item's asset's unavailable metrics, read once per asset */
async function unavailableOf(deps: Deps, tenantId: string, items: ContentRecord[]) {
  const out = new Map<string, Set<string>>();
  for (const assetId of new Set(items.map((i) => i.assetId)))
    out.set(assetId, new Set(await deps.content.listUnavailable(tenantId, assetId)));
  return out;
}

async function views(deps: Deps, tenantId: string, items: ContentRecord[]) {
  const links = await deps.content.getLinks(
    tenantId,
    items.map((i) => i.id),
  );
  const unavailable = await unavailableOf(deps, tenantId, items);
  return items.map((i) => view(deps.apiPrefix, i, links.get(i.id), unavailable.get(i.assetId)!));
}

export function checkSort(sort: string | undefined): void {
  if (!sort || sort === 'publishedAt' || CONTENT_METRIC_KEYS.includes(sort)) return;
  const removed = REMOVED_CONTENT_METRICS[sort];
  if (removed)
    throw new DomainError(
      'validation',
      `Meta stopped serving ${sort} on ${removed.removedOn}${removed.replacement ? `; sort by ${removed.replacement}` : ''}`,
      'metric_removed_by_meta',
      [{ field: 'query.sort', message: `removed by Meta on ${removed.removedOn}` }],
    );
  throw invalid(
    `sort by publishedAt or one of ${CONTENT_METRIC_KEYS.join(', ')}`,
    [{ field: 'query.sort', message: 'not a figure that is kept' }],
    'unknown_metric',
  );
}

interface SortCursor {
  s: string;
  v: number | null;
  p: string;
  i: string;
}

const encode = (c: SortCursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
function decode(cursor: string, sort: string): SortCursor {
  try {
    const c = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as SortCursor;
    if (c.s === sort && typeof c.p === 'string' && typeof c.i === 'string') return c;
  } catch {
    // fall through
  }
  throw invalid(
    'cursor is not valid',
    [{ field: 'query.cursor', message: 'not a cursor this API issued' }],
    'invalid_cursor',
  );
}

/** highest first; no value (none yet, or not served) after every value; then newest, then id */
function compare(x: SortCursor, y: SortCursor): number {
  if (x.v !== y.v) {
    if (x.v === null) return 1;
    if (y.v === null) return -1;
    return y.v - x.v;
  }
  if (x.p !== y.p) return x.p < y.p ? 1 : -1;
  return x.i < y.i ? 1 : x.i > y.i ? -1 : 0;
}

export async function listContent(
  deps: Deps,
  tenantId: string,
  q: ContentQuery,
): Promise<Page<ReturnType<typeof view>>> {
  checkSort(q.sort);
  const filter: ContentFilter = {
    ...(q.assetId ? { assetId: q.assetId } : {}),
    ...(q.type ? { type: q.type } : {}),
    ...(q.since ? { since: q.since } : {}),
    ...(q.until ? { until: q.until } : {}),
  };
  if (!q.sort || q.sort === 'publishedAt') {
    const page = await deps.content.list(tenantId, filter, { limit: q.limit, cursor: q.cursor });
    return { items: await views(deps, tenantId, page.items), nextCursor: page.nextCursor };
  }
  const sort = q.sort;
  const all = await deps.content.listAll(tenantId, filter, METRIC_SORT_CAP);
  if (!all)
    throw new DomainError(
      'validation',
      `more than ${METRIC_SORT_CAP} items match; narrow since/until or assetId to sort by ${sort}`,
      'range_too_large_to_sort',
      [{ field: 'query.since', message: `at most ${METRIC_SORT_CAP} items can be sorted by a figure` }],
    );
  const unavailable = await unavailableOf(deps, tenantId, all);
  const keyed = all.map((c) => ({
    c,
    k: {
      s: sort,
      v: unavailableKeys(c.platform, unavailable.get(c.assetId)!).has(sort)
        ? null
        : (c.metrics[sort] ?? null),
      p: c.publishedAt,
      i: c.id,
    },
  }));
  keyed.sort((a, b) => compare(a.k, b.k));
  const after = q.cursor ? decode(q.cursor, sort) : null;
  const start = after ? keyed.findIndex((x) => compare(x.k, after) > 0) : 0;
  const slice = start < 0 ? [] : keyed.slice(start, start + q.limit);
  const more = start >= 0 && start + q.limit < keyed.length;
  return {
    items: await views(
      deps,
      tenantId,
      slice.map((x) => x.c),
    ),
    nextCursor: more && slice.length > 0 ? encode(slice[slice.length - 1]!.k) : null,
  };
}

export async function getContent(deps: Deps, tenantId: string, id: string) {
  const item = await deps.content.getItem(tenantId, id);
  if (!item) throw notFound(`Content ${id}`);
  const [one] = await views(deps, tenantId, [item]);
  const history = await deps.content.history(tenantId, id);
  return {
    ...one!,
    history: history
      .sort((a, b) => (a.date < b.date ? -1 : 1))
      .map((h) => ({ date: h.date, at: h.at, values: h.values })),
  };
}

/**
 * For `GET /posts/{id}`: each published target's synced content, when it is synced (the link is
 * `null` until the publish is linked or the sync found the post).
 */
export async function contentOfTargets(
  deps: Deps,
  tenantId: string,
  targets: ReadonlyArray<{ type: string; metaId: string | null }>,
): Promise<Array<{ id: string; href: string } | null>> {
  const ids = targets.map((t) =>
    t.metaId ? contentIdFor(t.type === 'instagram_account' ? 'instagram' : 'facebook', t.metaId) : null,
  );
  const wanted = ids.filter((x): x is string => !!x);
  const found = new Set(
    (wanted.length > 0 ? await deps.content.getItems(tenantId, wanted) : []).map((c) => c.id),
  );
  return ids.map((id) => (id && found.has(id) ? { id, href: `${deps.apiPrefix}/content/${id}` } : null));
}
