/** The HTTP operations of the publishing calendar (and the approval rules the settings API serves): the handlers parse with them, the OpenAPI document is made of them. */
import * as z from '../../../platform/contracts/zod';
import { listOf, PagingQuery, type OperationSchemas } from '../../../platform/contracts/http-schemas';
import { isoDateTime, publicUrl, RULE_CAPS } from '../../../platform/contracts/field-caps';

export const PostIdParams = z.object({
  id: z.string().check(z.regex(/^post_[0-9a-z]{26}$/, 'not a post id')),
});

const Target = z.strictObject({
  type: z.enum(['facebook_page', 'instagram_account']),
  id: z.string().check(z.regex(/^[0-9]{5,32}$/, 'not a Meta id')),
});
const Media = z.strictObject({
  type: z.enum(['image', 'video']),
  url: publicUrl('media'),
});
const iso = z.pipe(
  isoDateTime,
  z.transform((s) => new Date(s).toISOString()),
);

export const PostBody = z.strictObject({
  message: z._default(z.string().check(z.maxLength(63_206)), ''),
  link: z.optional(publicUrl('link')),
  media: z._default(z.array(Media).check(z.maxLength(10)), []),
  targets: z.array(Target).check(z.minLength(1, 'choose at least one target'), z.maxLength(20)),
  scheduledAt: z.optional(iso),
});

export const PostPatchBody = z.strictObject({
  message: z.optional(z.string().check(z.maxLength(63_206))),
  link: z.optional(z.nullable(publicUrl('link'))).check(z.describe('null removes the link')),
  media: z.optional(z.array(Media).check(z.maxLength(10))),
  targets: z.optional(z.array(Target).check(z.minLength(1), z.maxLength(20))),
  scheduledAt: z.optional(z.nullable(iso)).check(z.describe('null publishes as soon as approved')),
});

export const ApprovalRulesBody = z.strictObject({
  rules: z
    .array(
      z.strictObject({
        id: z.string().check(z.regex(/^[a-z0-9-]{1,40}$/)),
        actors: z._default(
          z
            .array(z.string().check(z.minLength(1), z.maxLength(RULE_CAPS.actor)))
            .check(z.maxLength(RULE_CAPS.actors)),
          [],
        ),
        targetIds: z._default(
          z.array(z.string().check(z.regex(/^[0-9]{5,32}$/))).check(z.maxLength(RULE_CAPS.ids)),
          [],
        ),
        description: z._default(z.string().check(z.maxLength(RULE_CAPS.description)), ''),
      }),
    )
    .check(z.maxLength(RULE_CAPS.rules)),
});

const PostTargetView = z.object({
  type: z.enum(['facebook_page', 'instagram_account']),
  id: z.string(),
  status: z.enum(['pending', 'publishing', 'published', 'failed']),
  metaId: z.nullable(z.string()),
  permalink: z.nullable(z.string()),
  error: z.nullable(z.string()).check(z.describe('why the target failed, in plain words')),
  failureReason: z.nullable(z.string()).check(z.describe('the failure as a stable code')),
  publishedAt: z.nullable(z.string()),
  content: z
    .optional(z.nullable(z.object({ id: z.string(), href: z.string() })))
    .check(
      z.describe(
        '`GET /posts/{id}` only: the synced content of a published target with its figures, once synced',
      ),
    ),
});

export const PostSchema = z
  .object({
    id: z.string(),
    message: z.string(),
    link: z.nullable(z.string()),
    media: z.array(Media),
    targets: z.array(PostTargetView),
    scheduledAt: z.nullable(z.string()),
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
    approval: z.nullable(z.object({ by: z.string(), at: z.string(), ruleId: z.nullable(z.string()) })),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .register(z.globalRegistry, { id: 'Post' });

export const POST_OPERATIONS = {
  createPost: { body: PostBody, responses: { 201: z.extend(PostSchema, { approvalReason: z.string() }) } },
  listPosts: {
    query: z.strictObject({ ...PagingQuery.shape, status: z.optional(z.string().check(z.maxLength(30))) }),
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
export const POST_SCHEMA_NAMES: Record<string, z.ZodMiniType> = {
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
