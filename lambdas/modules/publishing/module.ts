/**
 * The publishing module as the registries see it (lambdas/app/modules.ts): the calendar API and its
 * routes, the publish queue and what feeds it, the due-posts schedule. Handler modules are named by path.
 */
import { API_PREFIX } from '../../platform/contracts/routes';
import { defineModule } from '../../platform/contracts/module';
import { INGEST_SOURCE } from '../../platform/contracts/topology';
import { POST_OPERATIONS, POST_REQUEST_EXAMPLES, POST_SCHEMA_NAMES, PublishRequested } from './contracts';
import { PUBLISH_QUEUE } from './queue';

export { PUBLISH_QUEUE };

export const PUBLISHING_MODULE = defineModule({
  name: 'publishing',
  http: {
    functions: {
      posts: {
        entry: 'lambdas/modules/publishing/handlers/posts-api.ts',
        description: 'Tenant API: publishing calendar and approvals',
      },
    },
    routes: [
      {
        method: 'POST',
        path: `${API_PREFIX}/posts`,
        fn: 'posts',
        auth: 'jwt',
        operationId: 'createPost',
        summary: 'Draft a post for Pages and Instagram accounts',
      },
      {
        method: 'GET',
        path: `${API_PREFIX}/posts`,
        fn: 'posts',
        auth: 'jwt',
        operationId: 'listPosts',
        summary: 'The calendar',
      },
      {
        method: 'GET',
        path: `${API_PREFIX}/posts/{id}`,
        fn: 'posts',
        auth: 'jwt',
        operationId: 'getPost',
        summary: "One post with each target's outcome",
      },
      {
        method: 'PATCH',
        path: `${API_PREFIX}/posts/{id}`,
        fn: 'posts',
        auth: 'jwt',
        operationId: 'patchPost',
        summary: 'Edit a post (an approved post goes back to draft)',
      },
      {
        method: 'DELETE',
        path: `${API_PREFIX}/posts/{id}`,
        fn: 'posts',
        auth: 'jwt',
        operationId: 'deletePost',
        summary: 'Delete a post that is not published',
      },
      {
        method: 'POST',
        path: `${API_PREFIX}/posts/{id}/approve`,
        fn: 'posts',
        auth: 'jwt',
        operationId: 'approvePost',
        summary: 'Approve exactly this content',
      },
      {
        method: 'POST',
        path: `${API_PREFIX}/posts/{id}/reject`,
        fn: 'posts',
        auth: 'jwt',
        operationId: 'rejectPost',
        summary: 'Reject a post',
      },
    ],
    idempotentCreates: { createPost: { sealAnswer: false } },
    operations: POST_OPERATIONS,
    schemaNames: POST_SCHEMA_NAMES,
    examples: POST_REQUEST_EXAMPLES,
    tag: 'Publishing',
  },
  queues: [PUBLISH_QUEUE],
  busRules: [
    {
      name: 'publish-jobs',
      source: INGEST_SOURCE,
      detailTypes: [PublishRequested.detailType],
      queue: PUBLISH_QUEUE.name,
    },
  ],
  schedules: [
    {
      name: 'due-posts',
      rate: 'rate(1 minute)',
      job: 'lambdas/modules/publishing/handlers/due-posts.ts',
    },
  ],
});
