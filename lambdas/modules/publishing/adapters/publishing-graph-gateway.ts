/**
 * The publishing module's slice of the Graph API over the shared Graph client: a Page's feed and photos,
 * Instagram's media containers, their publishing and the account's publishing limit. Paths, fields and
 * Meta's answer shapes live here.
 * https://developers.facebook.com/docs/pages-api/posts
 * https://developers.facebook.com/docs/graph-api/reference/page/photos
 * https://developers.facebook.com/docs/instagram-platform/content-publishing/
 * https://developers.facebook.com/documentation/instagram-platform/instagram-graph-api/reference/ig-container
 * https://developers.facebook.com/documentation/instagram-platform/instagram-graph-api/reference/ig-user/content_publishing_limit
 */
import * as z from '../../../platform/contracts/zod';
import type { GraphClient } from '../../../platform/adapters/graph/graph-client';
import { idString, listOf } from '../../../platform/adapters/graph/graph-pages';
import type { ContainerStatus, IgContainerSpec, PublishingGraph } from '../ports';

const IdResponse = z.object({ id: idString });
const PhotoResponse = z.object({ id: idString, post_id: z.optional(idString) });
const FeedItem = z.object({
  id: idString,
  message: z.optional(z.string()),
  created_time: z.optional(z.string()),
});
const PermalinkResponse = z.object({
  permalink_url: z.optional(z.string()),
  permalink: z.optional(z.string()),
});
const ContainerResponse = z.object({
  status_code: z.enum(['IN_PROGRESS', 'FINISHED', 'ERROR', 'EXPIRED', 'PUBLISHED']),
  status: z.optional(z.string()),
});
const MediaItem = z.object({ id: idString, caption: z.optional(z.string()) });
const PublishingLimitResponse = z.object({
  data: z.array(
    z.object({
      quota_usage: z.coerce.number(),
      config: z.optional(z.object({ quota_total: z.coerce.number() })),
    }),
  ),
});

/** How many of the newest posts (or media) a read-back looks through for a write whose answer was lost. */
const READ_BACK = 25;

export class PublishingGraphGateway implements PublishingGraph {
  constructor(private readonly client: GraphClient) {}

  async createPagePost(pageId: string, pageToken: string, post: { message: string; link?: string }) {
    const res = await this.client.post(`${pageId}/feed`, {
      token: pageToken,
      form: { message: post.message, link: post.link },
      schema: IdResponse,
    });
    return res.id;
  }

  async createPagePhoto(
    pageId: string,
    pageToken: string,
    photo: { url: string; caption: string; published: boolean },
  ) {
    const res = await this.client.post(`${pageId}/photos`, {
      token: pageToken,
      form: { url: photo.url, caption: photo.caption, published: photo.published },
      schema: PhotoResponse,
    });
    return { photoId: res.id, postId: res.post_id ?? null };
  }

  async createPagePostWithPhotos(pageId: string, pageToken: string, message: string, photoIds: string[]) {
    const form: Record<string, string> = { message };
    photoIds.forEach((id, i) => (form[`attached_media[${i}]`] = JSON.stringify({ media_fbid: id })));
    return (await this.client.post(`${pageId}/feed`, { token: pageToken, form, schema: IdResponse })).id;
  }

  async recentPagePosts(pageId: string, pageToken: string) {
    const res = await this.client.get(`${pageId}/feed`, {
      token: pageToken,
      query: { fields: 'id,message,created_time', limit: READ_BACK },
      schema: listOf(FeedItem),
    });
    return res.data.map((p) => ({
      id: p.id,
      message: p.message ?? '',
      // Meta writes `+0000`; Date.parse wants `+00:00`
      createdTime: new Date((p.created_time ?? '').replace(/([+-]\d{2})(\d{2})$/, '$1:$2')),
    }));
  }

  async permalink(objectId: string, token: string, kind: 'facebook_post' | 'instagram_media') {
    const res = await this.client.get(objectId, {
      token,
      query: { fields: kind === 'facebook_post' ? 'permalink_url' : 'permalink' },
      schema: PermalinkResponse,
    });
    return res.permalink_url ?? res.permalink ?? null;
  }

  async createIgContainer(igUserId: string, token: string, media: IgContainerSpec) {
    const res = await this.client.post(`${igUserId}/media`, {
      token,
      form: {
        image_url: media.imageUrl,
        video_url: media.videoUrl,
        media_type: media.mediaType,
        caption: media.caption,
        children: media.children?.join(','),
        is_carousel_item: media.isCarouselItem ? 'true' : undefined,
      },
      schema: IdResponse,
    });
    return res.id;
  }

  async igContainerStatus(
    containerId: string,
    token: string,
  ): Promise<{ status: ContainerStatus; detail: string | null }> {
    const res = await this.client.get(containerId, {
      token,
      query: { fields: 'status_code,status' },
      schema: ContainerResponse,
    });
    return { status: res.status_code, detail: res.status ?? null };
  }

  async igPublish(igUserId: string, token: string, containerId: string) {
    return (
      await this.client.post(`${igUserId}/media_publish`, {
        token,
        form: { creation_id: containerId },
        schema: IdResponse,
      })
    ).id;
  }

  async igRecentMedia(igUserId: string, token: string) {
    const res = await this.client.get(`${igUserId}/media`, {
      token,
      query: { fields: 'id,caption', limit: READ_BACK },
      schema: listOf(MediaItem),
    });
    return res.data.map((m) => ({ id: m.id, caption: m.caption ?? '' }));
  }

  async igPublishingQuota(igUserId: string, token: string) {
    const res = await this.client.get(`${igUserId}/content_publishing_limit`, {
      token,
      query: { fields: 'quota_usage,config' },
      schema: PublishingLimitResponse,
    });
    const d = res.data[0];
    // Meta leaves `config` out at times; its documented limit for API-published posts stands in
    return { used: d?.quota_usage ?? 0, total: d?.config?.quota_total ?? 100 };
  }
}
