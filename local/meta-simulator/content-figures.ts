/**
 * The figures of Page posts and Instagram media: they grow with the post's age (most of it in the first
 * days, as organic reach does) and are the same on every read at the same moment, so a refresh sees
 * them rise and a test can predict them. Served as Meta serves them: reactions and comments as
 * `summary.total_count` of their edges, shares as `{count}`, the rest through the `insights` field
 * (https://developers.facebook.com/docs/graph-api/reference/insights/,
 * https://developers.facebook.com/docs/instagram-platform/reference/instagram-media/insights). A removed
 * metric, or one a test retires, fails the whole call with Meta's invalid-metric error.
 */
import type { FieldSelection } from './fields';
import { GraphError } from './graph-errors';
import type { GraphContext } from './route-registry';
import { requireScope } from './token-auth';

type SimPost = Record<string, unknown>;

/** Post metrics Meta removed for every version, with the day (deprecated-metrics page, Page Insights blog). */
export const REMOVED_POST_METRICS = new Set([
  'post_impressions',
  'post_impressions_unique',
  'post_impressions_paid',
  'post_impressions_paid_unique',
  'post_impressions_fan_unique',
  'post_impressions_organic',
  'post_impressions_organic_unique',
  'post_impressions_viral_unique',
  'post_impressions_nonviral_unique',
]);

/** Instagram media metrics removed on every version on 2025-04-21 (and `video_views` before them). */
export const REMOVED_MEDIA_METRICS = new Set([
  'impressions',
  'plays',
  'clips_replays_count',
  'ig_reels_aggregated_all_plays_count',
  'video_views',
]);

/** no data yet: Meta answers an empty set for a metric it has nothing for, never 0 */
const FRESH_SECONDS = 600;

export function invalidMetric(m: string): GraphError {
  return new GraphError({
    code: 100,
    message: `(#100) The value must be a valid insights metric: ${m}`,
    userTitle: 'Invalid metric',
    userMsg: `${m} is no longer available.`,
  });
}

function hash(seed: string): number {
  let h = 2166136261;
  for (const c of seed) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return h;
}

/** 0 → 1 over the first days after publication */
function growth(createdTime: number, now: number): number {
  const hours = Math.max(0, now - createdTime) / 3600;
  return 1 - Math.exp(-hours / 36);
}

function liveComments(ctx: GraphContext, objectId: string): number {
  let n = 0;
  for (const c of ctx.world.comments.values()) if (c.objectId === objectId && !c.deleted) n++;
  return n;
}

export interface PostFigures {
  views: number;
  reach: number;
  clicks: number;
  reactions: Record<'like' | 'love' | 'wow' | 'haha' | 'sorry' | 'anger', number>;
  comments: number;
  shares: number;
  saves: number;
}

export function figuresOf(ctx: GraphContext, post: SimPost): PostFigures {
  const id = String(post.id);
  const size = 200 + (hash(id) % 4800);
  const views = Math.round(size * growth(Number(post.createdTime), ctx.now));
  const part = (share: number) => Math.round(views * share);
  return {
    views,
    reach: part(0.62),
    clicks: part(0.035),
    reactions: {
      like: part(0.04),
      love: part(0.012),
      wow: part(0.003),
      haha: part(0.004),
      sorry: part(0.001),
      anger: part(0.0005),
    },
    comments: part(0.004) + liveComments(ctx, id),
    shares: part(0.006),
    saves: part(0.008),
  };
}

const requested = (sel: FieldSelection): string[] =>
  (sel.mods?.metric ?? '')
    .split(',')
    .map((m) => m.trim())
    .filter(Boolean);

function metricRow(objectId: string, name: string, value: unknown) {
  return {
    name,
    period: 'lifetime',
    values: [{ value }],
    title: name,
    id: `${objectId}/insights/${name}/lifetime`,
  };
}

const fresh = (ctx: GraphContext, post: SimPost) => ctx.now - Number(post.createdTime) < FRESH_SECONDS;

/**
 * `insights.metric(…)` on a post or media: the permission first, then any removed or retired metric fails
 * the call, a post too fresh has no data, and a metric this object does not serve is Meta's error too.
 */
function insightsOf(
  ctx: GraphContext,
  post: SimPost,
  sel: FieldSelection,
  rules: { scope: string; removed: ReadonlySet<string>; values: (f: PostFigures) => Record<string, unknown> },
): unknown {
  requireScope(ctx.auth, rules.scope);
  const metrics = requested(sel);
  for (const m of metrics)
    if (rules.removed.has(m) || ctx.world.insightsBehaviour.retiredMetrics.includes(m))
      throw invalidMetric(m);
  if (fresh(ctx, post)) return { data: [] };
  const values = rules.values(figuresOf(ctx, post));
  for (const m of metrics) if (!(m in values)) throw invalidMetric(m);
  return { data: metrics.map((m) => metricRow(String(post.id), m, values[m])) };
}

/** `insights.metric(…)` on a Page post */
export const postInsights = (ctx: GraphContext, post: SimPost, sel: FieldSelection): unknown =>
  insightsOf(ctx, post, sel, {
    scope: 'read_insights',
    removed: REMOVED_POST_METRICS,
    values: (f) => ({
      post_media_view: f.views,
      post_total_media_view_unique: f.reach,
      post_clicks: f.clicks,
      post_reactions_by_type_total: Object.fromEntries(Object.entries(f.reactions).filter(([, n]) => n > 0)),
      post_reactions_like_total: f.reactions.like,
      post_reactions_love_total: f.reactions.love,
    }),
  });

/** `insights.metric(…)` on an Instagram media */
export const mediaInsights = (ctx: GraphContext, media: SimPost, sel: FieldSelection): unknown =>
  insightsOf(ctx, media, sel, {
    scope: 'instagram_manage_insights',
    removed: REMOVED_MEDIA_METRICS,
    values: (f) => {
      const likes = f.reactions.like + f.reactions.love;
      return {
        views: f.views,
        reach: f.reach,
        likes,
        comments: f.comments,
        shares: f.shares,
        saved: f.saves,
        total_interactions: likes + f.comments + f.shares + f.saves,
      };
    },
  });

/** an edge read for its count only: `reactions.limit(0).summary(total_count)` */
export function countEdge(total: number, sel: FieldSelection): unknown {
  return sel.mods?.summary !== undefined ? { data: [], summary: { total_count: total } } : { data: [] };
}

export function reactionsTotal(ctx: GraphContext, post: SimPost): number {
  return Object.values(figuresOf(ctx, post).reactions).reduce((a, b) => a + b, 0);
}
