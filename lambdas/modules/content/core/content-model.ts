/**
 * The synced content of a selected Page or Instagram account: every post and media the Page or account
 * published itself — through this service or anywhere else — with its latest figures and a history of
 * them. Only the business's own publications are kept (a Page's `published_posts`, never visitors' posts),
 * and never who reacted or commented: counts only. Ids are derived from Meta's, so a webhook, the scheduled
 * sync and the publish worker all land on the same item whatever order they come in.
 */
import { stableId } from '../../../platform/core/stable-id';

export const CONTENT_PLATFORMS = ['facebook', 'instagram'] as const;
export type ContentPlatform = (typeof CONTENT_PLATFORMS)[number];

export const CONTENT_TYPES = [
  'status',
  'photo',
  'video',
  'link',
  'event',
  'image',
  'carousel',
  'reel',
  'story',
  'other',
] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];

/** the selection an asset of each platform belongs to (the scheduled jobs walk these) */
export const PLATFORM_ASSET_TYPE = { facebook: 'pages', instagram: 'instagramAccounts' } as const;

/** Instagram's caption limit: a longer Facebook post keeps its start here and its whole text at its permalink */
export const MAX_STORED_TEXT = 2200;

export interface ContentRecord {
  tenantId: string;
  /** `cnt_` + 26 characters, from the platform and Meta's id */
  id: string;
  connectionId: string;
  platform: ContentPlatform;
  /** the Page or Instagram account */
  assetId: string;
  /** Meta's post or media id */
  metaId: string;
  type: ContentType;
  publishedAt: string;
  permalink: string | null;
  text: string | null;
  textTruncated: boolean;
  /** the picture or video Meta serves for it (its CDN link; may expire at Meta) */
  mediaUrl: string | null;
  /** the latest figures by metric key (content-metrics.ts); null = Meta has no value for it yet */
  metrics: Record<string, number | null>;
  /** when the figures were read; null until the first read */
  metricsAt: string | null;
  syncedAt: string;
  /** epoch seconds: the tenant's content retention counted from publication */
  expiresAt: number;
}

/** One reading of a post's figures (one a day at most: the day's latest reading). */
export interface MetricSnapshot {
  tenantId: string;
  connectionId: string;
  contentId: string;
  /** YYYY-MM-DD of the reading */
  date: string;
  at: string;
  values: Record<string, number | null>;
  expiresAt: number;
}

/** A post of the calendar that became this content item on one of its targets. */
export interface ContentLink {
  tenantId: string;
  connectionId: string;
  contentId: string;
  postId: string;
  /** `facebook_page:<id>` or `instagram_account:<id>` */
  targetKey: string;
  linkedAt: string;
  expiresAt: number;
}

export const contentIdFor = (platform: ContentPlatform, metaId: string): string =>
  stableId('cnt', [platform, metaId]);

export function clipText(text: string | null | undefined): { text: string | null; textTruncated: boolean } {
  if (!text) return { text: null, textTruncated: false };
  const chars = [...text];
  return chars.length > MAX_STORED_TEXT
    ? { text: chars.slice(0, MAX_STORED_TEXT).join(''), textTruncated: true }
    : { text, textTruncated: false };
}

/** Facebook's `status_type` of a Page post */
export function facebookType(statusType: string | null | undefined): ContentType {
  switch (statusType) {
    case 'added_photos':
      return 'photo';
    case 'added_video':
      return 'video';
    case 'shared_story':
      return 'link';
    case 'created_event':
      return 'event';
    case 'mobile_status_update':
    case 'created_note':
    case 'wall_post':
    case undefined:
    case null:
      return 'status';
    default:
      return 'other';
  }
}

/** Instagram's `media_product_type` and `media_type` */
export function instagramType(
  productType: string | null | undefined,
  mediaType: string | null | undefined,
): ContentType {
  if (productType === 'REELS') return 'reel';
  if (productType === 'STORY') return 'story';
  if (mediaType === 'CAROUSEL_ALBUM') return 'carousel';
  if (mediaType === 'VIDEO') return 'video';
  if (mediaType === 'IMAGE') return 'image';
  return 'other';
}
