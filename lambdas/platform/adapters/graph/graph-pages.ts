/**
 * Graph API lists: `{ data: [...], paging: { cursors: { after }, next } }`, read page after page with the
 * `after` cursor until Meta gives no `next`
 * (https://developers.facebook.com/docs/graph-api/results). A list that never ends (a runaway `next`)
 * is cut at `maxPages` rather than followed forever.
 */
import * as z from '../../contracts/zod';
import type { UsageReport } from '../../core/graph/usage-headers';
import type { GraphClient } from './graph-client';

/** Meta sends ids as strings, and some as numbers: always a string here. */
export const idString = z.pipe(z.union([z.string(), z.number()]), z.transform(String));

export function listOf<T extends z.ZodMiniType>(item: T) {
  return z.object({
    data: z.array(item),
    paging: z.optional(
      z.object({
        cursors: z.optional(z.partial(z.object({ after: z.optional(z.string()) }))),
        next: z.optional(z.string()),
      }),
    ),
  });
}

export const DEFAULT_MAX_PAGES = 50;

export interface ListRequest<T extends z.ZodMiniType> {
  token: string;
  item: T;
  query?: Record<string, string | number>;
  /** the most pages followed (default {@link DEFAULT_MAX_PAGES}) */
  maxPages?: number;
  onUsage?: (usage: UsageReport) => void;
}

/** Every item of a Graph list, 100 a page unless the query says otherwise. */
export async function readAllPages<T extends z.ZodMiniType>(
  client: GraphClient,
  path: string,
  req: ListRequest<T>,
): Promise<Array<z.output<T>>> {
  const out: Array<z.output<T>> = [];
  let after: string | undefined;
  for (let page = 0; page < (req.maxPages ?? DEFAULT_MAX_PAGES); page++) {
    const res = await client.get(path, {
      token: req.token,
      query: { limit: 100, ...req.query, after },
      schema: listOf(req.item),
      onUsage: req.onUsage,
    });
    out.push(...res.data);
    after = res.paging?.cursors?.after;
    if (!res.paging?.next || !after) break;
  }
  return out;
}
