/**
 * Content worker: a Page's own posts from its `feed` webhooks (every tenant that selected the Page with
 * insights gets its copy; comments and visitors' posts are left to the inbox) and the calendar's
 * `post.published`, linked to the target's content. Redelivery lands on the same items.
 */
import * as z from 'zod';
import { ingestFeedPost, linkPublished } from '../../core/content/ingest-content';
import { lazyHandler } from '../common/aws-dependencies';
import type { AppDependencies } from '../common/dependencies';
import { sqsHandler } from '../../platform/handlers/sqs-handler';
import { POST_PUBLISHED, queueByName } from '../../app/topology';

const FeedDetail = z.object({
  deliveryId: z.string().max(128),
  object: z.literal('page'),
  entryId: z.string().min(1).max(64),
  field: z.literal('feed'),
  value: z.unknown(),
});

const Published = z.object({
  tenantId: z.string().min(1).max(64),
  postId: z.string().min(1).max(64),
  target: z.string().min(1).max(128),
  metaId: z.string().max(128).nullable(),
  permalink: z.string().max(4096).nullable(),
});

export function createHandler(deps: AppDependencies) {
  return sqsHandler(deps, queueByName('content'), async (envelope) => {
    if (envelope['detail-type'] === POST_PUBLISHED) {
      const detail = Published.parse(envelope.detail);
      const r = await linkPublished(deps.content, detail);
      deps.logger.info('content link', { postId: detail.postId, target: detail.target, ...r });
      return;
    }
    const detail = FeedDetail.parse(envelope.detail);
    const r = await ingestFeedPost(deps.content, {
      pageId: detail.entryId,
      value: detail.value,
      receivedAt: deps.clock.now(),
    });
    // ids and reasons only: never a post's text
    deps.logger.info('content change processed', { deliveryId: detail.deliveryId, ...r });
  });
}

export const handler = lazyHandler(createHandler);
