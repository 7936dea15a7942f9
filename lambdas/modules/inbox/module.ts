/**
 * The inbox module as the registries see it (lambdas/app/modules.ts): its API function and routes, the
 * inbox queue and what feeds it (Meta's comments, messages and statuses, and approved replies to send),
 * the comment sync and the hourly inbox figures. Handler modules are named by path.
 */
import { API_PREFIX } from '../../platform/contracts/routes';
import { defineModule } from '../../platform/contracts/module';
import { INGEST_SOURCE, STANDARD_RETRY_STEPS } from '../../platform/contracts/topology';
import { ReplySendRequested } from './contracts/commands';
import { INBOX_OPERATIONS, INBOX_REQUEST_EXAMPLES, INBOX_SCHEMA_NAMES } from './contracts/http';
import { INBOX_INGEST_DETAIL_TYPES } from './contracts/subscriptions';

/** The queue the inbox worker drains: Meta's inbox changes and the sends of approved replies. */
export const INBOX_QUEUE = {
  name: 'inbox',
  worker: 'lambdas/modules/inbox/handlers/inbox-worker.ts',
  batchSize: 10,
  maxReceiveCount: 8,
  visibilityTimeoutSeconds: 60,
  retryStepsSeconds: STANDARD_RETRY_STEPS,
};

export const INBOX_MODULE = defineModule({
  name: 'inbox',
  http: {
    functions: {
      inbox: {
        entry: 'lambdas/modules/inbox/handlers/inbox-api.ts',
        description: 'Tenant API: unified inbox, replies and their approval, AI drafts, inbox figures',
      },
    },
    routes: [
      {
        method: 'GET',
        path: `${API_PREFIX}/inbox/metrics`,
        fn: 'inbox',
        auth: 'jwt',
        operationId: 'getInboxMetrics',
        summary: 'Daily inbox figures: conversations, messages, replies, first-response times, response rate',
      },
      {
        method: 'GET',
        path: `${API_PREFIX}/conversations`,
        fn: 'inbox',
        auth: 'jwt',
        operationId: 'listConversations',
        summary: 'Conversations of every channel, newest activity first',
      },
      {
        method: 'GET',
        path: `${API_PREFIX}/conversations/{id}`,
        fn: 'inbox',
        auth: 'jwt',
        operationId: 'getConversation',
        summary: 'One conversation with its latest messages and replies',
      },
      {
        method: 'PATCH',
        path: `${API_PREFIX}/conversations/{id}`,
        fn: 'inbox',
        auth: 'jwt',
        operationId: 'patchConversation',
        summary: 'Assign, close, label or mark a conversation read',
      },
      {
        method: 'GET',
        path: `${API_PREFIX}/conversations/{id}/messages`,
        fn: 'inbox',
        auth: 'jwt',
        operationId: 'listConversationMessages',
        summary: 'Messages of a conversation, newest first',
      },
      {
        method: 'POST',
        path: `${API_PREFIX}/conversations/{id}/replies`,
        fn: 'inbox',
        auth: 'jwt',
        operationId: 'createReply',
        summary: 'Draft a reply, an AI draft, a template or a comment moderation',
      },
      {
        method: 'POST',
        path: `${API_PREFIX}/conversations/{id}/classify`,
        fn: 'inbox',
        auth: 'jwt',
        operationId: 'classifyConversation',
        summary: 'Classify the conversation with the assistant (lead, support, …)',
      },
      {
        method: 'GET',
        path: `${API_PREFIX}/replies/{id}`,
        fn: 'inbox',
        auth: 'jwt',
        operationId: 'getReply',
        summary: 'One reply and its outcome',
      },
      {
        method: 'POST',
        path: `${API_PREFIX}/replies/{id}/approve`,
        fn: 'inbox',
        auth: 'jwt',
        operationId: 'approveReply',
        summary: 'Approve exactly this reply; it is sent once',
      },
      {
        method: 'POST',
        path: `${API_PREFIX}/replies/{id}/reject`,
        fn: 'inbox',
        auth: 'jwt',
        operationId: 'rejectReply',
        summary: 'Reject a reply',
      },
      {
        method: 'GET',
        path: `${API_PREFIX}/settings/reply-approval-rules`,
        fn: 'inbox',
        auth: 'jwt',
        operationId: 'getReplyApprovalRules',
        summary: 'Rules that approve replies without a person',
      },
      {
        method: 'PUT',
        path: `${API_PREFIX}/settings/reply-approval-rules`,
        fn: 'inbox',
        auth: 'jwt',
        operationId: 'putReplyApprovalRules',
        summary: 'Set the reply approval rules',
      },
      {
        method: 'GET',
        path: `${API_PREFIX}/whatsapp/templates`,
        fn: 'inbox',
        auth: 'jwt',
        operationId: 'listWhatsAppTemplates',
        summary: 'WhatsApp message templates as last synced from Meta',
      },
    ],
    // the answer carries the reply's text: its stored copy is sealed with the tenant's data key
    idempotentCreates: { createReply: { sealAnswer: true } },
    operations: INBOX_OPERATIONS,
    schemaNames: INBOX_SCHEMA_NAMES,
    examples: INBOX_REQUEST_EXAMPLES,
    tag: 'Inbox',
  },
  queues: [INBOX_QUEUE],
  busRules: [
    {
      name: 'inbox-ingest',
      source: INGEST_SOURCE,
      detailTypes: [...INBOX_INGEST_DETAIL_TYPES, ReplySendRequested.detailType],
      queue: INBOX_QUEUE.name,
    },
  ],
  schedules: [
    { name: 'inbox-sync', rate: 'rate(15 minutes)', job: 'lambdas/modules/inbox/handlers/inbox-sync.ts' },
    {
      name: 'inbox-metrics',
      rate: 'rate(1 hour)',
      job: 'lambdas/modules/inbox/handlers/inbox-metrics.ts',
    },
  ],
});
