import * as z from 'zod';
import { CHANNELS, CLASSIFICATION_LABELS, REPLY_TYPES } from './vocabulary';
import { listOf, PagingQuery, type OperationSchemas } from '../../../platform/contracts/http-schemas';
import { calendarDate, DAY_MS, RULE_CAPS } from '../../../platform/contracts/field-caps';

export const ConversationIdParams = z.object({
  id: z.string().regex(/^cnv_[0-9a-z]{26}$/, 'not a conversation id'),
});
export const ReplyIdParams = z.object({ id: z.string().regex(/^rpl_[0-9a-z]{26}$/, 'not a reply id') });

const metaId = z.string().regex(/^[0-9]{5,32}$/, 'not a Meta id');
const label = z.string().min(1).max(40);

const ListConversationsQuery = PagingQuery.extend({
  channel: z.enum(CHANNELS).optional(),
  assetId: metaId.optional(),
  status: z.enum(['open', 'closed']).optional(),
  unread: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  assignee: z.string().min(1).max(200).optional(),
}).strict();

export const ConversationPatchBody = z
  .object({
    status: z.enum(['open', 'closed']).optional(),
    assignee: z.string().min(1).max(200).nullable().optional(),
    labels: z.array(label).max(20).optional(),
    read: z.boolean().optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, {
    message: 'change at least one of status, assignee, labels, read',
  });

const Template = z
  .object({
    name: z.string().regex(/^[a-z0-9_]{1,512}$/, 'template names are lowercase letters, digits and _'),
    language: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'a language code such as en_US'),
    parameters: z.array(z.string().min(1).max(1024)).max(20).default([]),
  })
  .strict();

const Tag = z
  .literal('HUMAN_AGENT')
  .describe('Messenger/Instagram: a person’s reply up to 7 days after the last message');

export const ReplyBody = z.preprocess(
  (b) => (b && typeof b === 'object' && !('type' in b) ? { ...b, type: 'text' } : b),
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('text'), text: z.string().min(1).max(8000), tag: Tag.optional() }).strict(),
    z.object({ type: z.literal('ai_draft'), tag: Tag.optional() }).strict(),
    z.object({ type: z.literal('template'), template: Template }).strict(),
    z
      .object({
        type: z.enum(['hide', 'unhide', 'delete']),
        messageId: z.string().regex(/^msg_[0-9a-z]{26}$/, 'not a message id'),
      })
      .strict(),
  ]),
);

export const ReplyRulesBody = z
  .object({
    rules: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z0-9-]{1,40}$/),
            description: z.string().max(RULE_CAPS.description).default(''),
            channels: z.array(z.enum(CHANNELS)).max(5).default([]),
            assetIds: z.array(metaId).max(RULE_CAPS.ids).default([]),
            types: z.array(z.enum(REPLY_TYPES)).max(5).default([]),
            sources: z
              .array(z.enum(['person', 'ai']))
              .max(2)
              .default([]),
            actors: z.array(z.string().min(1).max(RULE_CAPS.actor)).max(RULE_CAPS.actors).default([]),
            onlyPreviouslyApproved: z
              .boolean()
              .default(false)
              .describe('approve only content a person approved before (same template, or the same words)'),
          })
          .strict(),
      )
      .max(RULE_CAPS.rules),
  })
  .strict();

const Window = z.object({
  open: z.boolean(),
  freeReplyUntil: z.string().nullable(),
  humanAgentUntil: z.string().nullable(),
});

const ConversationSchema = z
  .object({
    id: z.string(),
    channel: z.enum(CHANNELS),
    assetId: z.string(),
    connectionId: z.string(),
    contact: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
    postId: z.string().nullable(),
    status: z.enum(['open', 'closed']),
    assignee: z.string().nullable(),
    labels: z.array(z.string()),
    unread: z.boolean(),
    lastMessageAt: z.string().nullable(),
    lastInboundAt: z.string().nullable(),
    lastOutboundAt: z.string().nullable(),
    lastMessage: z
      .object({ direction: z.enum(['inbound', 'outbound']), text: z.string().nullable() })
      .nullable(),
    replyWindow: Window,
    classification: z
      .object({ label: z.enum(CLASSIFICATION_LABELS), confidence: z.number(), at: z.string() })
      .nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Conversation' });

const MessageSchema = z
  .object({
    id: z.string(),
    metaId: z.string(),
    direction: z.enum(['inbound', 'outbound']),
    kind: z.enum(['message', 'comment', 'mention', 'postback']),
    authorId: z.string().nullable(),
    text: z.string().nullable(),
    attachments: z.array(z.object({ type: z.string() })),
    parentMetaId: z.string().nullable(),
    sentAt: z.string().nullable(),
    edited: z.boolean(),
    deleted: z.boolean(),
    hidden: z.boolean(),
    status: z.enum(['received', 'sent', 'delivered', 'read', 'failed']).nullable(),
    statusAt: z.string().nullable(),
    error: z.string().nullable(),
    replyId: z.string().nullable(),
  })
  .meta({ id: 'InboxMessage' });

const ReplySchema = z
  .object({
    id: z.string(),
    conversationId: z.string(),
    channel: z.enum(CHANNELS),
    assetId: z.string(),
    type: z.enum(REPLY_TYPES),
    source: z.enum(['person', 'ai']),
    text: z.string().nullable(),
    template: Template.nullable(),
    tag: z.literal('HUMAN_AGENT').nullable(),
    targetMetaId: z.string().nullable(),
    status: z.enum(['draft', 'approved', 'sending', 'sent', 'failed', 'rejected']),
    statusReason: z.string().nullable(),
    approval: z.object({ by: z.string(), at: z.string(), ruleId: z.string().nullable() }).nullable(),
    metaId: z.string().nullable(),
    sentAt: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Reply' });

const ConversationDetail = ConversationSchema.extend({
  messages: z.array(MessageSchema),
  messagesCursor: z.string().nullable(),
  replies: z.array(ReplySchema),
  engagement: z.object({ postReactions: z.number().int() }).nullable(),
});

const TemplateView = z.object({
  wabaId: z.string(),
  name: z.string(),
  language: z.string(),
  status: z.string(),
  category: z.string().nullable(),
  parameterCount: z.number().int(),
  syncedAt: z.string(),
});

const InboxDay = z.object({
  conversationsOpened: z.number().int(),
  messagesIn: z.number().int(),
  messagesOut: z.number().int(),
  repliesSent: z.number().int(),
  responded: z.number().int(),
  unanswered: z.number().int(),
  pending: z.number().int(),
  firstResponseCount: z.number().int(),
  firstResponseP50Seconds: z.number().nullable(),
  firstResponseP90Seconds: z.number().nullable(),
  responseRate: z.number().min(0).max(1).nullable(),
});

export const InboxMetricsQuery = z
  .object({
    since: calendarDate.optional(),
    until: calendarDate.optional(),
    assetId: z
      .string()
      .regex(/^[0-9]{5,32}$/, 'a Page, Instagram account or WhatsApp number id')
      .optional(),
    channel: z.enum(CHANNELS).optional(),
  })
  .strict()
  .refine((q) => !q.since || !q.until || q.since <= q.until, {
    message: 'since must not be after until',
    path: ['since'],
  })
  .refine((q) => !q.since || !q.until || Date.parse(q.until) - Date.parse(q.since) <= 400 * DAY_MS, {
    message: 'at most 13 months at a time',
    path: ['until'],
  });

export const INBOX_OPERATIONS = {
  listConversations: { query: ListConversationsQuery, responses: { 200: listOf(ConversationSchema) } },
  getConversation: { params: ConversationIdParams, responses: { 200: ConversationDetail } },
  patchConversation: {
    params: ConversationIdParams,
    body: ConversationPatchBody,
    responses: { 200: ConversationSchema },
  },
  listConversationMessages: {
    params: ConversationIdParams,
    query: PagingQuery,
    responses: { 200: listOf(MessageSchema) },
  },
  createReply: {
    params: ConversationIdParams,
    body: ReplyBody,
    responses: {
      201: ReplySchema.extend({
        approvalReason: z.string().describe('why it was approved by a rule, or why it waits for a person'),
        sendReason: z.string().describe('why Meta allows this reply now (the messaging window)'),
      }),
    },
  },
  classifyConversation: { params: ConversationIdParams, responses: { 200: ConversationSchema } },
  getReply: { params: ReplyIdParams, responses: { 200: ReplySchema } },
  approveReply: { params: ReplyIdParams, responses: { 200: ReplySchema } },
  rejectReply: { params: ReplyIdParams, responses: { 200: ReplySchema } },
  getReplyApprovalRules: { responses: { 200: ReplyRulesBody } },
  putReplyApprovalRules: { body: ReplyRulesBody, responses: { 200: ReplyRulesBody } },
  listWhatsAppTemplates: { responses: { 200: z.object({ items: z.array(TemplateView) }) } },
  getInboxMetrics: {
    query: InboxMetricsQuery,
    responses: {
      200: z
        .object({
          since: z.string(),
          until: z.string(),
          definitions: z.object({
            conversationOpenedAfterQuietHours: z.number(),
            answeredWithinHours: z.number(),
          }),
          days: z.array(
            InboxDay.extend({
              date: z.string(),
              assetId: z.string(),
              channel: z.enum(CHANNELS),
              computedAt: z.string(),
            }),
          ),
          totals: InboxDay.describe('the range: percentiles estimated from the days within 1 %'),
        })
        .meta({ id: 'InboxMetrics' }),
    },
  },
} satisfies Record<string, OperationSchemas>;

/** Stable component names of the inbox's request schemas in the OpenAPI document. */
export const INBOX_SCHEMA_NAMES: Record<string, z.ZodType> = {
  ConversationPatch: ConversationPatchBody,
  ReplyRequest: ReplyBody,
  ReplyApprovalRules: ReplyRulesBody,
};

/** One example per request body, shown in the OpenAPI document (a test parses each with its schema). */
export const INBOX_REQUEST_EXAMPLES: Record<string, unknown> = {
  patchConversation: { status: 'closed', assignee: 'user:alice', labels: ['vip'], read: true },
  createReply: { type: 'text', text: 'Thanks, we will call you today.' },
  putReplyApprovalRules: {
    rules: [
      {
        id: 'templates',
        description: 'approved WhatsApp templates go out without review',
        channels: ['whatsapp'],
        types: ['template'],
        onlyPreviouslyApproved: true,
      },
    ],
  },
};
