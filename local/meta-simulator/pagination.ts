/**
 * Meta's list envelope: `{data, paging: {cursors: {before, after}, previous?, next?}}` with `limit`
 * (default 25) and `after`/`before` cursors. `next` is a full URL back to the simulator carrying the
 * caller's own query (token included when it came in the query, as Meta does). An empty list is
 * `{"data": []}` without paging, as Meta answers it.
 */
import { GraphErrors } from './graph-errors';
import type { GraphContext } from './route-registry';

const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 5000;

function encodeCursor(index: number): string {
  return Buffer.from(`sim_cursor:${index}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const m = /^sim_cursor:(\d+)$/.exec(text);
  if (!m?.[1]) throw GraphErrors.invalidParameter('(#100) The after/before cursor is invalid');
  return Number(m[1]);
}

export interface ListPage {
  data: unknown[];
  paging?: {
    cursors: { before: string; after: string };
    previous?: string;
    next?: string;
  };
}

/** `maxLimit`: the most an edge answers in one page, whatever `limit` asks for */
export function paginate<T>(
  ctx: GraphContext,
  items: readonly T[],
  render: (item: T) => unknown,
  maxLimit = MAX_LIMIT,
): ListPage {
  const limit = Math.min(Math.max(ctx.args.int('limit') ?? DEFAULT_LIMIT, 1), maxLimit);
  const after = ctx.args.str('after');
  const before = ctx.args.str('before');
  let start = 0;
  if (after) start = decodeCursor(after) + 1;
  else if (before) start = Math.max(0, decodeCursor(before) - limit);
  const end =
    before && !after ? Math.min(decodeCursor(before), start + limit) : Math.min(items.length, start + limit);
  const slice = items.slice(start, end);
  if (slice.length === 0) return { data: [] };

  const first = encodeCursor(start);
  const last = encodeCursor(end - 1);
  const page: ListPage = { data: slice.map(render), paging: { cursors: { before: first, after: last } } };
  if (end < items.length && page.paging) page.paging.next = linkTo(ctx, { after: last, limit });
  if (start > 0 && page.paging) page.paging.previous = linkTo(ctx, { before: first, limit });
  return page;
}

function linkTo(ctx: GraphContext, cursor: { after?: string; before?: string; limit: number }): string {
  const q = new URLSearchParams(ctx.link.query);
  q.delete('after');
  q.delete('before');
  q.set('limit', String(cursor.limit));
  if (cursor.after) q.set('after', cursor.after);
  if (cursor.before) q.set('before', cursor.before);
  return `${ctx.link.origin}/${ctx.link.versionPrefix}${ctx.link.rawPath}?${q.toString()}`;
}
