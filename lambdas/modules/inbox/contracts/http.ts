import * as z from '../../../platform/contracts/zod';
import { CHANNELS, CLASSIFICATION_LABELS, REPLY_TYPES } from './vocabulary';
import { listOf, PagingQuery, type OperationSchemas } from '../../../platform/contracts/http-schemas';
import { calendarDate, DAY_MS, RULE_CAPS } from '../../../platform/contracts/field-caps';

export const ConversationIdParams = z.object({
  id: z.string().check(z.regex(/^cnv_[0-9a-z]{26}$/, 'not a conversation id')),
});
export const ReplyIdParams = z.object({
  id: z.string().check(z.regex(/^rpl_[0-9a-z]{26}$/, 'not a reply id')),
});

const metaId = z.string().check(z.regex(/^[0-9]{5,32}$/, 'not a Meta id'));
const label = z.string().check(z.minLength(1), z.maxLength(40));

const ListConversationsQuery = z.strictObject({
  ...PagingQuery.shape,
  channel: z.optional(z.enum(CHANNELS)),
  assetId: z.optional(metaId),
  status: z.optional(z.enum(['open', 'closed'])),
  unread: z.optional(
    z.pipe(
      z.enum(['true', 'false']),
      z.transform((v) => v === 'true'),
    ),
  ),
  assignee: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
});

export const ConversationPatchBody = z
  .strictObject({
    status: z.optional(z.enum(['open', 'closed'])),
    assignee: z.optional(z.nullable(z.string().check(z.minLength(1), z.maxLength(200)))),
    labels: z.optional(z.array(label).check(z.maxLength(20))),
    read: z.optional(z.boolean()),
  })
  .check(
    z.refine((b) => Object.keys(b).length > 0, {
      message: 'change at least one of status, assignee, labels, read',
    }),
  );

const Template = z.strictObject({
  name: z.string().check(z.regex(/^[a-z0-9_]{1,512}$/, 'template names are lowercase letters, digits and _')),
  language: z.string().check(z.regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'a language code such as en_US')),
  parameters: z._default(
    z.array(z.string().check(z.minLength(1), z.maxLength(1024))).check(z.maxLength(20)),
    [],
  ),
});

const Tag = z
  .literal('HUMAN_AGENT')
  .check(z.describe('Messenger/Instagram: a person’s reply up to 7 days after the last message'));

export const ReplyBody = z.pipe(
  z.transform((b: unknown) => (b && typeof b === 'object' && !('type' in b) ? { ...b, type: 'text' } : b)),
  z.discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('text'),
      text: z.string().check(z.minLength(1), z.maxLength(8000)),
      tag: z.optional(Tag),
    }),
    z.strictObject({ type: z.literal('ai_draft'), tag: z.optional(Tag) }),
    z.strictObject({ type: z.literal('template'), template: Template }),
    z.strictObject({
      type: z.enum(['hide', 'unhide', 'delete']),
      messageId: z.string().check(z.regex(/^msg_[0-9a-z]{26}$/, 'not a message id')),
    }),
  ]),
);

export const ReplyRulesBody = z.strictObject({
  rules: z
    .array(
      z.strictObject({
        id: z.string().check(z.regex(/^[a-z0-9-]{1,40}$/)),
        description: z._default(z.string().check(z.maxLength(RULE_CAPS.description)), ''),
        channels: z._default(z.array(z.enum(CHANNELS)).check(z.maxLength(5)), []),
        assetIds: z._default(z.array(metaId).check(z.maxLength(RULE_CAPS.ids)), []),
        types: z._default(z.array(z.enum(REPLY_TYPES)).check(z.maxLength(5)), []),
        sources: z._default(z.array(z.enum(['person', 'ai'])).check(z.maxLength(2)), []),
        actors: z._default(
          z
            .array(z.string().check(z.minLength(1), z.maxLength(RULE_CAPS.actor)))
            .check(z.maxLength(RULE_CAPS.actors)),
          [],
        ),
        onlyPreviouslyApproved: z
          ._default(z.boolean(), false)
          .check(
            z.describe('approve only content a person approved before (same template, or the same words)'),
          ),
      }),
    )
    .check(z.maxLength(RULE_CAPS.rules)),
});

const Window = z.object({
  open: z.boolean(),
  freeReplyUntil: z.nullable(z.string()),
  humanAgentUntil: z.nullable(z.string()),
});

const ConversationSchema = z
  .object({
    id: z.string(),
    channel: z.enum(CHANNELS),
    assetId: z.string(),
    connectionId: z.string(),
    contact: z.nullable(z.object({ id: z.string(), name: z.nullable(z.string()) })),
    postId: z.nullable(z.string()),
    status: z.enum(['open', 'closed']),
    assignee: z.nullable(z.string()),
    labels: z.array(z.string()),
    unread: z.boolean(),
    lastMessageAt: z.nullable(z.string()),
    lastInboundAt: z.nullable(z.string()),
    lastOutboundAt: z.nullable(z.string()),
    lastMessage: z.nullable(
      z.object({ direction: z.enum(['inbound', 'outbound']), text: z.nullable(z.string()) }),
    ),
    replyWindow: Window,
    classification: z.nullable(
      z.object({ label: z.enum(CLASSIFICATION_LABELS), confidence: z.number(), at: z.string() }),
    ),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .register(z.globalRegistry, { id: 'Conversation' });

const MessageSchema = z
  .object({
    id: z.string(),
    metaId: z.string(),
    direction: z.enum(['inbound', 'outbound']),
    kind: z.enum(['message', 'comment', 'mention', 'postback']),
    authorId: z.nullable(z.string()),
    text: z.nullable(z.string()),
    attachments: z.array(z.object({ type: z.string() })),
    parentMetaId: z.nullable(z.string()),
    sentAt: z.nullable(z.string()),
    edited: z.boolean(),
    deleted: z.boolean(),
    hidden: z.boolean(),
    status: z.nullable(z.enum(['received', 'sent', 'delivered', 'read', 'failed'])),
    statusAt: z.nullable(z.string()),
    error: z.nullable(z.string()),
    replyId: z.nullable(z.string()),
  })
  .register(z.globalRegistry, { id: 'InboxMessage' });

const ReplySchema = z
  .object({
    id: z.string(),
    conversationId: z.string(),
    channel: z.enum(CHANNELS),
    assetId: z.string(),
    type: z.enum(REPLY_TYPES),
    source: z.enum(['person', 'ai']),
    text: z.nullable(z.string()),
    template: z.nullable(Template),
    tag: z.nullable(z.literal('HUMAN_AGENT')),
    targetMetaId: z.nullable(z.string()),
    status: z.enum(['draft', 'approved', 'sending', 'sent', 'failed', 'rejected']),
    statusReason: z.nullable(z.string()),
    approval: z.nullable(z.object({ by: z.string(), at: z.string(), ruleId: z.nullable(z.string()) })),
    metaId: z.nullable(z.string()),
    sentAt: z.nullable(z.string()),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .register(z.globalRegistry, { id: 'Reply' });

const ConversationDetail = z.extend(ConversationSchema, {
  messages: z.array(MessageSchema),
  messagesCursor: z.nullable(z.string()),
  replies: z.array(ReplySchema),
  engagement: z.nullable(z.object({ postReactions: z.number().check(z.int()) })),
});

const TemplateView = z.object({
  wabaId: z.string(),
  name: z.string(),
  language: z.string(),
  status: z.string(),
  category: z.nullable(z.string()),
  parameterCount: z.number().check(z.int()),
  syncedAt: z.string(),
});

const InboxDay = z.object({
  conversationsOpened: z.number().check(z.int()),
  messagesIn: z.number().check(z.int()),
  messagesOut: z.number().check(z.int()),
  repliesSent: z.number().check(z.int()),
  responded: z.number().check(z.int()),
  unanswered: z.number().check(z.int()),
  pending: z.number().check(z.int()),
  firstResponseCount: z.number().check(z.int()),
  firstResponseP50Seconds: z.nullable(z.number()),
  firstResponseP90Seconds: z.nullable(z.number()),
  responseRate: z.nullable(z.number().check(z.minimum(0), z.maximum(1))),
});

export const InboxMetricsQuery = z
  .strictObject({
    since: z.optional(calendarDate),
    until: z.optional(calendarDate),
    assetId: z.optional(
      z.string().check(z.regex(/^[0-9]{5,32}$/, 'a Page, Instagram account or WhatsApp number id')),
    ),
    channel: z.optional(z.enum(CHANNELS)),
  })
  .check(
    z.refine((q) => !q.since || !q.until || q.since <= q.until, {
      message: 'since must not be after until',
      path: ['since'],
    }),
    z.refine((q) => !q.since || !q.until || Date.parse(q.until) - Date.parse(q.since) <= 400 * DAY_MS, {
      message: 'at most 13 months at a time',
      path: ['until'],
    }),
  );

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
      201: z.extend(ReplySchema, {
        approvalReason: z
          .string()
          .check(z.describe('why it was approved by a rule, or why it waits for a person')),
        sendReason: z.string().check(z.describe('why Meta allows this reply now (the messaging window)')),
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
            z.extend(InboxDay, {
              date: z.string(),
              assetId: z.string(),
              channel: z.enum(CHANNELS),
              computedAt: z.string(),
            }),
          ),
          totals: InboxDay.check(z.describe('the range: percentiles estimated from the days within 1 %')),
        })
        .register(z.globalRegistry, { id: 'InboxMetrics' }),
    },
  },
} satisfies Record<string, OperationSchemas>;

/** Stable component names of the inbox's request schemas in the OpenAPI document. */
export const INBOX_SCHEMA_NAMES: Record<string, z.ZodMiniType> = {
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
