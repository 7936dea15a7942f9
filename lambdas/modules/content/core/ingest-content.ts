/**
 * What tells the content store about a post before the next scheduled sync:
 * - a Page's `feed` webhook for a post of the Page itself (`item` status, photo, video, post or share;
 *   verb add, edited or remove: https://developers.facebook.com/docs/graph-api/webhooks/reference/page/#feed).
 *   Visitors' posts and comments are not content (the inbox keeps comments); an unpublished post waits
 *   for its publication. The webhook carries no permalink or figures: the next sync adds them.
 * - `post.published` of the calendar: the post this service published becomes (or joins) the content
 *   item of its target, linked to its calendar entry.
 * Every tenant that selected the Page with the `insights` feature gets its own copy; redeliveries and
 * either order of webhook, sync and link land on one item.
 */
import * as z from '../../../platform/contracts/zod';
import { FeedValue } from '../../inbox/contracts/meta-feed';
import { loadRetention, ttlFor } from '../../../platform/core/retention-policy';
import type { ContentConnection, ContentIngestDeps } from '../ports';
import {
  clipText,
  contentIdFor,
  type ContentPlatform,
  type ContentRecord,
  type ContentType,
} from './content-model';
import { METRICS_OF } from './content-metrics';

const POST_ITEMS: Readonly<Record<string, ContentType>> = {
  status: 'status',
  post: 'status',
  share: 'link',
  photo: 'photo',
  video: 'video',
};

const FeedPostValue = z.extend(FeedValue, {
  published: z.optional(z.union([z.number(), z.boolean()])),
  link: z.optional(z.string().check(z.maxLength(4096))),
  photo_id: z.optional(z.union([z.string(), z.number()])),
});

export interface TenantOutcome {
  tenantId: string;
  outcome: 'stored' | 'updated' | 'removed' | 'skipped';
  reason: string;
}

const usable = (c: ContentConnection | undefined): c is ContentConnection =>
  !!c && (c.status === 'active' || c.status === 'expiring') && c.features.includes('insights');

const emptyMetrics = (platform: ContentPlatform) =>
  Object.fromEntries(Object.keys(METRICS_OF[platform]).map((k) => [k, null]));

const ms = (t: number) => (t < 1e12 ? t * 1000 : t);

export async function ingestFeedPost(
  deps: ContentIngestDeps,
  input: { pageId: string; value: unknown; receivedAt: Date },
): Promise<{ ignored: string | null; tenants: TenantOutcome[] }> {
  const parsed = FeedPostValue.safeParse(input.value);
  if (!parsed.success) return { ignored: 'feed_value_invalid', tenants: [] };
  const v = parsed.data;
  const type = POST_ITEMS[v.item];
  if (!type) return { ignored: `feed_item_${v.item}_is_not_content`, tenants: [] };
  if (!v.post_id) return { ignored: 'post_without_id', tenants: [] };
  // the Page's own publications only: a visitor's post is a person's content, not the business's
  if (v.from && v.from.id !== input.pageId) return { ignored: 'not_a_post_of_the_page', tenants: [] };
  if (v.verb !== 'remove' && (v.published === 0 || v.published === false))
    return { ignored: 'post_not_published_yet', tenants: [] };
  if (!['add', 'edited', 'remove'].includes(v.verb))
    return { ignored: `post_verb_${v.verb}_not_kept`, tenants: [] };

  const id = contentIdFor('facebook', v.post_id);
  const tenants: TenantOutcome[] = [];
  for (const route of await deps.connections.routesFor(input.pageId)) {
    if (route.assetType !== 'pages') continue;
    const connection = await deps.connections.get(route.tenantId, route.connectionId);
    if (!usable(connection)) {
      tenants.push({ tenantId: route.tenantId, outcome: 'skipped', reason: 'insights_not_enabled' });
      continue;
    }
    const existing = await deps.content.getItem(route.tenantId, id);
    if (v.verb === 'remove') {
      if (existing) await deps.content.deleteItem(route.tenantId, id);
      tenants.push({
        tenantId: route.tenantId,
        outcome: existing ? 'removed' : 'skipped',
        reason: existing ? 'post_removed_at_meta' : 'not_stored',
      });
      continue;
    }
    const retention = await loadRetention(deps.settings, route.tenantId);
    const publishedAt = new Date(
      v.created_time !== undefined ? ms(v.created_time) : input.receivedAt.getTime(),
    );
    const base: ContentRecord = existing ?? {
      tenantId: route.tenantId,
      id,
      connectionId: route.connectionId,
      platform: 'facebook',
      assetId: input.pageId,
      metaId: v.post_id,
      type,
      publishedAt: publishedAt.toISOString(),
      permalink: null,
      text: null,
      textTruncated: false,
      mediaUrl: null,
      metrics: emptyMetrics('facebook'),
      metricsAt: null,
      syncedAt: input.receivedAt.toISOString(),
      expiresAt: ttlFor('content', retention, publishedAt).expiresAt,
    };
    const record: ContentRecord = {
      ...base,
      // an edit changes the text; the rest is what Meta listed, if a sync came first
      ...(v.message !== undefined ? clipText(v.message) : {}),
      ...(!existing && v.link ? { mediaUrl: v.link.slice(0, 4096) } : {}),
      syncedAt: input.receivedAt.toISOString(),
    };
    if (record.expiresAt <= Math.floor(input.receivedAt.getTime() / 1000)) {
      tenants.push({ tenantId: route.tenantId, outcome: 'skipped', reason: 'older_than_content_retention' });
      continue;
    }
    await deps.content.putItems([record], []);
    tenants.push({
      tenantId: route.tenantId,
      outcome: existing ? 'updated' : 'stored',
      reason: existing ? `post_${v.verb}` : 'new_post_from_webhook',
    });
  }
  return { ignored: null, tenants };
}

/** the calendar's target types (the publishing module's) and the platform of their content */
type TargetType = 'facebook_page' | 'instagram_account';
const PLATFORM_OF: Record<TargetType, ContentPlatform> = {
  facebook_page: 'facebook',
  instagram_account: 'instagram',
};

/** `post.published` → the target's content item, linked to its calendar post. */
export async function linkPublished(
  deps: ContentIngestDeps,
  detail: {
    tenantId: string;
    postId: string;
    target: string;
    metaId: string | null;
    permalink: string | null;
  },
): Promise<{ outcome: 'linked' | 'skipped'; reason: string; contentId?: string }> {
  if (!detail.metaId) return { outcome: 'skipped', reason: 'published_without_meta_id' };
  const post = await deps.posts.get(detail.tenantId, detail.postId);
  const state = post?.targetStates[detail.target];
  if (!post || !state) return { outcome: 'skipped', reason: 'calendar_post_gone' };
  const targetType = detail.target.split(':')[0] as TargetType;
  const platform = PLATFORM_OF[targetType];
  if (!platform) return { outcome: 'skipped', reason: 'unknown_target_type' };
  const connection = await deps.connections.get(detail.tenantId, state.connectionId);
  if (!usable(connection)) return { outcome: 'skipped', reason: 'insights_not_enabled' };
  const now = deps.clock.now();
  const retention = await loadRetention(deps.settings, detail.tenantId);
  const publishedAt = state.publishedAt ? new Date(state.publishedAt) : now;
  const expiresAt = ttlFor('content', retention, publishedAt).expiresAt;
  const id = contentIdFor(platform, detail.metaId);
  const existing = await deps.content.getItem(detail.tenantId, id);
  if (!existing) {
    const media = post.media[0];
    await deps.content.putItems(
      [
        {
          tenantId: detail.tenantId,
          id,
          connectionId: state.connectionId,
          platform,
          assetId: detail.target.slice(targetType.length + 1),
          metaId: detail.metaId,
          type: calendarType(platform, media?.type, post.link, post.media.length),
          publishedAt: publishedAt.toISOString(),
          permalink: detail.permalink ?? state.permalink ?? null,
          ...clipText(post.message),
          mediaUrl: media?.url ?? null,
          metrics: emptyMetrics(platform),
          metricsAt: null,
          syncedAt: now.toISOString(),
          expiresAt,
        },
      ],
      [],
    );
  }
  await deps.content.putLink({
    tenantId: detail.tenantId,
    connectionId: state.connectionId,
    contentId: id,
    postId: post.id,
    targetKey: detail.target,
    linkedAt: now.toISOString(),
    expiresAt: existing?.expiresAt ?? expiresAt,
  });
  return {
    outcome: 'linked',
    reason: existing ? 'joined_synced_content' : 'content_from_calendar',
    contentId: id,
  };
}

function calendarType(
  platform: ContentPlatform,
  media: 'image' | 'video' | undefined,
  link: string | undefined,
  count: number,
): ContentType {
  if (platform === 'instagram') return count > 1 ? 'carousel' : media === 'video' ? 'reel' : 'image';
  if (media === 'video') return 'video';
  if (media === 'image') return 'photo';
  return link ? 'link' : 'status';
}
