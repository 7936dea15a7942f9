/** The HTTP operations of the publishing calendar (and the approval rules the settings API serves): the handlers parse with them, the OpenAPI document is made of them. */
import * as z from 'zod';
import { listOf, PagingQuery, type OperationSchemas } from '../../../platform/contracts/http-schemas';
import { isoDateTime, publicUrl, RULE_CAPS } from '../../../platform/contracts/field-caps';

export const PostIdParams = z.object({ id: z.string().regex(/^post_[0-9a-z]{26}$/, 'not a post id') });

const Target = z
  .object({
    type: z.enum(['facebook_page', 'instagram_account']),
    id: z.string().regex(/^[0-9]{5,32}$/, 'not a Meta id'),
  })
  .strict();
const Media = z
  .object({
    type: z.enum(['image', 'video']),
    url: publicUrl('media'),
  })
  .strict();
const iso = isoDateTime.transform((s) => new Date(s).toISOString());

export const PostBody = z
  .object({
    message: z.string().max(63_206).default(''),
    link: publicUrl('link').optional(),
    media: z.array(Media).max(10).default([]),
    targets: z.array(Target).min(1, 'choose at least one target').max(20),
    scheduledAt: iso.optional(),
  })
  .strict();

export const PostPatchBody = z
  .object({
    message: z.string().max(63_206).optional(),
    link: publicUrl('link').nullable().optional().describe('null removes the link'),
    media: z.array(Media).max(10).optional(),
    targets: z.array(Target).min(1).max(20).optional(),
    scheduledAt: iso.nullable().optional().describe('null publishes as soon as approved'),
  })
  .strict();

export const ApprovalRulesBody = z
  .object({
    rules: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z0-9-]{1,40}$/),
            actors: z.array(z.string().min(1).max(RULE_CAPS.actor)).max(RULE_CAPS.actors).default([]),
            targetIds: z
              .array(z.string().regex(/^[0-9]{5,32}$/))
              .max(RULE_CAPS.ids)
              .default([]),
            description: z.string().max(RULE_CAPS.description).default(''),
          })
          .strict(),
      )
      .max(RULE_CAPS.rules),
  })
  .strict();

const PostTargetView = z.object({
  type: z.enum(['facebook_page', 'instagram_account']),
  id: z.string(),
  status: z.enum(['pending', 'publishing', 'published', 'failed']),
  metaId: z.string().nullable(),
  permalink: z.string().nullable(),
  error: z.string().nullable().describe('why the target failed, in plain words'),
  failureReason: z.string().nullable().describe('the failure as a stable code'),
  publishedAt: z.string().nullable(),
  content: z
    .object({ id: z.string(), href: z.string() })
    .nullable()
    .optional()
    .describe(
      '`GET /posts/{id}` only: the synced content of a published target with its figures, once synced',
    ),
});

export const PostSchema = z
  .object({
    id: z.string(),
    message: z.string(),
    link: z.string().nullable(),
    media: z.array(Media),
    targets: z.array(PostTargetView),
    scheduledAt: z.string().nullable(),
    status: z.enum([
      'draft',
      'approved',
      'scheduled',
      'publishing',
      'published',
      'partially_published',
      'failed',
      'rejected',
    ]),
    approval: z.object({ by: z.string(), at: z.string(), ruleId: z.string().nullable() }).nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Post' });

export const POST_OPERATIONS = {
  createPost: { body: PostBody, responses: { 201: PostSchema.extend({ approvalReason: z.string() }) } },
  listPosts: {
    query: PagingQuery.extend({ status: z.string().max(30).optional() }).strict(),
    responses: { 200: listOf(PostSchema) },
  },
  getPost: { params: PostIdParams, responses: { 200: PostSchema } },
  patchPost: { params: PostIdParams, body: PostPatchBody, responses: { 200: PostSchema } },
  deletePost: { params: PostIdParams, responses: { 204: null } },
  approvePost: { params: PostIdParams, responses: { 200: PostSchema } },
  rejectPost: { params: PostIdParams, responses: { 200: PostSchema } },
  getApprovalRules: { responses: { 200: ApprovalRulesBody } },
  putApprovalRules: { body: ApprovalRulesBody, responses: { 200: ApprovalRulesBody } },
} satisfies Record<string, OperationSchemas>;

/**
 * Stable component names of the request schemas in the OpenAPI document: clients generated from it use
 * these names, so renaming one is a breaking change.
 */
export const POST_SCHEMA_NAMES: Record<string, z.ZodType> = {
  PostDraft: PostBody,
  PostPatch: PostPatchBody,
  PostApprovalRules: ApprovalRulesBody,
};

/** One example per request body, shown in the OpenAPI document (a test parses each with its schema). */
export const POST_REQUEST_EXAMPLES: Record<string, unknown> = {
  createPost: {
    message: 'Doors open at 9 on Saturday.',
    media: [{ type: 'image', url: 'https://cdn.example/poster.jpg' }],
    targets: [
      { type: 'facebook_page', id: '104729384756123' },
      { type: 'instagram_account', id: '17841400000000001' },
    ],
    scheduledAt: '2026-12-05T09:00:00+01:00',
  },
  patchPost: { message: 'Doors open at 10 on Saturday.', scheduledAt: null },
  putApprovalRules: {
    rules: [{ id: 'social-team', actors: ['user:alice'], targetIds: ['104729384756123'], description: '' }],
  },
};
