/**
 * Content sync's Graph calls: a Page's `published_posts`
 * (https://developers.facebook.com/docs/graph-api/reference/page/published_posts/) and an Instagram
 * account's `media` (https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media),
 * up to 100 a page, each post with its figures by field expansion — the `reactions` and `comments`
 * edges read for their `summary.total_count` only, `shares`, and `insights.metric(…)` — so one call reads
 * a hundred posts with their figures (https://developers.facebook.com/docs/graph-api/field-expansion).
 * Many lists go to Meta in one batch request (graph-client.ts); Meta's answers are validated and bounded.
 */
import * as z from '../../../platform/contracts/zod';
import type { ContentGraph, ContentListRequest, ContentListResult, GraphContentItem } from '../ports';
import type { GraphClient } from '../../../platform/adapters/graph/graph-client';
import { idString } from '../../../adapters/meta-graph/graph-schemas';

const PAGE_SIZE = 100;

const FACEBOOK_FIELDS = [
  'id',
  'created_time',
  'message',
  'permalink_url',
  'status_type',
  'full_picture',
  'shares',
  'reactions.limit(0).summary(total_count)',
  'comments.limit(0).summary(total_count)',
];

const INSTAGRAM_FIELDS = [
  'id',
  'timestamp',
  'caption',
  'media_type',
  'media_product_type',
  'permalink',
  'media_url',
  'thumbnail_url',
];

const url = z.string().check(z.maxLength(4096));
const text = z.string().check(z.maxLength(100_000));
const Count = z.object({
  summary: z.optional(z.object({ total_count: z.number().check(z.int(), z.minimum(0)) })),
});

/** one insights metric: a number, or a breakdown such as reactions by type */
const Insights = z.object({
  data: z
    .array(
      z.object({
        name: z.string().check(z.maxLength(128)),
        values: z._default(
          z
            .array(
              z.object({
                value: z.optional(
                  z.union([z.number(), z.optional(z.record(z.string().check(z.maxLength(64)), z.number()))]),
                ),
              }),
            )
            .check(z.maxLength(10)),
          [],
        ),
      }),
    )
    .check(z.maxLength(50)),
});

const FacebookPost = z.object({
  id: idString,
  created_time: z.string().check(z.maxLength(64)),
  message: z.optional(text),
  permalink_url: z.optional(url),
  status_type: z.optional(z.string().check(z.maxLength(64))),
  full_picture: z.optional(url),
  shares: z.optional(z.object({ count: z.number().check(z.int(), z.minimum(0)) })),
  reactions: z.optional(Count),
  comments: z.optional(Count),
  insights: z.optional(Insights),
});

const InstagramMedia = z.object({
  id: idString,
  timestamp: z.string().check(z.maxLength(64)),
  caption: z.optional(text),
  media_type: z.optional(z.string().check(z.maxLength(64))),
  media_product_type: z.optional(z.string().check(z.maxLength(64))),
  permalink: z.optional(url),
  media_url: z.optional(url),
  thumbnail_url: z.optional(url),
  insights: z.optional(Insights),
});

/** Meta writes `2026-03-01T10:00:00+0000`; JavaScript wants the colon in the offset */
const graphDate = (s: string) => new Date(s.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));

function insightsOf(i: z.output<typeof Insights> | undefined): GraphContentItem['insights'] {
  const out: GraphContentItem['insights'] = {};
  for (const m of i?.data ?? []) {
    const v = m.values[0]?.value;
    if (v !== undefined) out[m.name] = v;
  }
  return out;
}

function facebookItem(p: z.output<typeof FacebookPost>): GraphContentItem {
  return {
    metaId: p.id,
    publishedAt: graphDate(p.created_time),
    statusType: p.status_type ?? null,
    productType: null,
    mediaType: null,
    permalink: p.permalink_url ?? null,
    text: p.message ?? null,
    mediaUrl: p.full_picture ?? null,
    edges: {
      ...(p.reactions?.summary ? { reactions: p.reactions.summary.total_count } : {}),
      ...(p.comments?.summary ? { comments: p.comments.summary.total_count } : {}),
      ...(p.shares ? { shares: p.shares.count } : {}),
    },
    insights: insightsOf(p.insights),
  };
}

function instagramItem(m: z.output<typeof InstagramMedia>): GraphContentItem {
  return {
    metaId: m.id,
    publishedAt: graphDate(m.timestamp),
    statusType: null,
    productType: m.media_product_type ?? null,
    mediaType: m.media_type ?? null,
    permalink: m.permalink ?? null,
    text: m.caption ?? null,
    mediaUrl: m.media_url ?? m.thumbnail_url ?? null,
    edges: {},
    insights: insightsOf(m.insights),
  };
}

/** a page of Meta's list as the items it holds and the cursor of the next page, if there is one */
const pageOf = <T extends z.ZodMiniType>(item: T, toItem: (raw: z.output<T>) => GraphContentItem) =>
  z.pipe(
    z.object({
      data: z.array(item).check(z.maxLength(PAGE_SIZE)),
      paging: z.optional(
        z.object({
          cursors: z.optional(
            z.partial(z.object({ after: z.optional(z.string().check(z.maxLength(2048))) })),
          ),
          next: z.optional(z.string().check(z.maxLength(8192))),
        }),
      ),
    }),
    z.transform((page) => ({
      items: page.data.map(toItem),
      after: page.paging?.next ? (page.paging.cursors?.after ?? null) : null,
    })),
  );

const FacebookPage = pageOf(FacebookPost, facebookItem);
const InstagramPage = pageOf(InstagramMedia, instagramItem);

export class ContentGraphGateway implements ContentGraph {
  constructor(private readonly client: GraphClient) {}

  async readPages(
    requests: readonly ContentListRequest[],
    fallbackToken: string,
  ): Promise<ContentListResult[]> {
    const results = await this.client.batch(
      requests.map((r) => {
        const facebook = r.platform === 'facebook';
        const fields = [...(facebook ? FACEBOOK_FIELDS : INSTAGRAM_FIELDS)];
        if (r.insights.length > 0) fields.push(`insights.metric(${r.insights.join(',')})`);
        return {
          path: facebook ? `${r.assetId}/published_posts` : `${r.assetId}/media`,
          query: {
            fields: fields.join(','),
            since: r.since,
            until: r.until,
            limit: r.limit ?? PAGE_SIZE,
            after: r.after,
          },
          token: r.token,
          schema: (facebook ? FacebookPage : InstagramPage) as z.ZodMiniType<{
            items: GraphContentItem[];
            after: string | null;
          }>,
        };
      }),
      fallbackToken,
    );
    return results.map((res): ContentListResult => {
      if (res.ok) return { ok: true, ...res.value };
      return res.reason === 'error' ? { ok: false, reason: 'error', error: res.error } : res;
    });
  }
}
