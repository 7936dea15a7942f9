/**
 * Content worker: a Page's own posts from its `feed` webhooks (every tenant that selected the Page with
 * insights gets its copy; comments and visitors' posts are left to the inbox) and the calendar's
 * `post.published`, linked to the target's content. Redelivery lands on the same items.
 */
import * as z from '../../../platform/contracts/zod';
import { byDetailType, onDetail } from '../../../platform/handlers/by-detail-type';
import { sqsHandler } from '../../../platform/handlers/sqs-handler';
import { lambdaExports } from '../../../platform/wiring/lambda-handler';
import { POST_PUBLISHED } from '../contracts/subscriptions';
import { ingestFeedPost, linkPublished } from '../core/ingest-content';
import { CONTENT_QUEUE } from '../module';
import {
  awsContentWorkerRuntime,
  contentIngestFromRuntime,
  type ContentWorkerRuntime,
} from '../wiring/worker';

const FeedDetail = z.object({
  deliveryId: z.string().check(z.maxLength(128)),
  object: z.literal('page'),
  entryId: z.string().check(z.minLength(1), z.maxLength(64)),
  field: z.literal('feed'),
  value: z.unknown(),
});

const Published = z.object({
  tenantId: z.string().check(z.minLength(1), z.maxLength(64)),
  postId: z.string().check(z.minLength(1), z.maxLength(64)),
  target: z.string().check(z.minLength(1), z.maxLength(128)),
  metaId: z.nullable(z.string().check(z.maxLength(128))),
  permalink: z.nullable(z.string().check(z.maxLength(4096))),
});

export function createHandler(rt: ContentWorkerRuntime) {
  const deps = contentIngestFromRuntime(rt);
  const published = onDetail({ detailType: POST_PUBLISHED, schema: Published }, async (detail) => {
    const r = await linkPublished(deps, detail);
    rt.logger.info('content link', { postId: detail.postId, target: detail.target, ...r });
  });
  return sqsHandler(
    rt,
    CONTENT_QUEUE,
    byDetailType([published], async (envelope) => {
      const detail = FeedDetail.parse(envelope.detail);
      const r = await ingestFeedPost(deps, {
        pageId: detail.entryId,
        value: detail.value,
        receivedAt: rt.clock.now(),
      });
      // ids and reasons only: never a post's text
      rt.logger.info('content change processed', { deliveryId: detail.deliveryId, ...r });
    }),
  );
}

export const { awsRuntime, handler } = lambdaExports(awsContentWorkerRuntime, createHandler);
