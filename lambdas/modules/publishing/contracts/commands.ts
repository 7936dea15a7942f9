/**
 * The internal command the publish worker takes: one job per (post, target), sent by the scheduler (or by
 * an approval inside its window), on the bus or held on the publish queue until the post's second. One zod
 * schema both sides use.
 */
import * as z from '../../../platform/contracts/zod';
import { defineCommand } from '../../../platform/contracts/command-contract';

export const PublishRequested = defineCommand(
  'post.publish-requested',
  'Publish one approved post to one of its targets, exactly once',
  z.object({
    tenantId: z.string(),
    postId: z.string(),
    /** `facebook_page:<id>` or `instagram_account:<id>` */
    targetKey: z.string(),
  }),
);
export type PublishJob = z.output<typeof PublishRequested.schema>;
