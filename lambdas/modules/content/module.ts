/**
 * The content module as the registries see it (lambdas/app/modules.ts): its API function and routes, the
 * content queue and what feeds it (a Page's own posts from `feed` webhooks, the calendar's published
 * posts), and the daily sync of posts and media with their figures. Handler modules are named by path.
 */
import { API_PREFIX } from '../../platform/contracts/routes';
import { defineModule } from '../../platform/contracts/module';
import { EVENT_SOURCE, INGEST_SOURCE, STANDARD_RETRY_STEPS } from '../../platform/contracts/topology';
import { CONTENT_OPERATIONS } from './contracts/http';
import { CONTENT_INGEST_DETAIL_TYPES, POST_PUBLISHED } from './contracts/subscriptions';

/** New Page posts from `feed` webhooks and the calendar's published posts: table writes only. */
export const CONTENT_QUEUE = {
  name: 'content',
  worker: 'lambdas/modules/content/handlers/content-worker.ts',
  batchSize: 10,
  maxReceiveCount: 8,
  visibilityTimeoutSeconds: 60,
  retryStepsSeconds: STANDARD_RETRY_STEPS,
};

export const CONTENT_MODULE = defineModule({
  name: 'content',
  http: {
    functions: {
      performance: {
        entry: 'lambdas/modules/content/handlers/content-api.ts',
        description: 'Tenant API: synced posts and media with their figures',
      },
    },
    routes: [
      {
        method: 'GET',
        path: `${API_PREFIX}/content`,
        fn: 'performance',
        auth: 'jwt',
        operationId: 'listContent',
        summary: 'Posts and media of the selected Pages and Instagram accounts with their figures',
      },
      {
        method: 'GET',
        path: `${API_PREFIX}/content/{id}`,
        fn: 'performance',
        auth: 'jwt',
        operationId: 'getContent',
        summary: 'One post or media with the history of its figures',
      },
    ],
    operations: CONTENT_OPERATIONS,
    tag: 'Content',
  },
  queues: [CONTENT_QUEUE],
  busRules: [
    {
      name: 'content-ingest',
      source: INGEST_SOURCE,
      detailTypes: [...CONTENT_INGEST_DETAIL_TYPES],
      queue: CONTENT_QUEUE.name,
    },
    { name: 'content-links', source: EVENT_SOURCE, detailTypes: [POST_PUBLISHED], queue: CONTENT_QUEUE.name },
  ],
  schedules: [
    { name: 'content-sync', rate: 'rate(1 day)', job: 'lambdas/modules/content/handlers/content-sync.ts' },
  ],
});
