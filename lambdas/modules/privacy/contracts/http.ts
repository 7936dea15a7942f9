/** The privacy API's operations (and Meta's callbacks): the zod schemas its handlers parse with and the OpenAPI document shows. */
import * as z from '../../../platform/contracts/zod';
import { RetentionSettings } from '../../../platform/core/retention-policy';
import { listOf, PagingQuery, type OperationSchemas } from '../../../platform/contracts/http-schemas';

export const DeletionCodeParams = z.object({
  code: z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, 'not a confirmation code')),
});

export const AuditEntrySchema = z
  .object({
    id: z.string(),
    at: z.string(),
    actor: z.string(),
    action: z.string(),
    target: z.optional(z.string()),
    result: z.enum(['success', 'failure', 'denied']),
    reason: z.optional(z.string()),
    details: z.optional(z.record(z.string(), z.unknown())),
  })
  .register(z.globalRegistry, { id: 'AuditEntry' });

export const AuditQuery = z.strictObject({
  ...PagingQuery.shape,
  action: z.optional(
    z.string().check(z.regex(/^[a-z][a-z0-9_.-]{1,63}$/, 'an audit action such as deletion.completed')),
  ),
  target: z.optional(
    z.string().check(z.regex(/^[a-z][a-z-]*:[A-Za-z0-9_.:-]{1,128}$/, 'a target such as connection:con_…')),
  ),
});

const SignedRequestForm = z
  .object({ signed_request: z.string() })
  .check(z.meta({ description: 'application/x-www-form-urlencoded' }));

export const PRIVACY_OPERATIONS = {
  metaDeauthorize: { body: SignedRequestForm, responses: { 200: z.object({ received: z.literal(true) }) } },
  metaDataDeletion: {
    body: SignedRequestForm,
    responses: { 200: z.object({ url: z.url(), confirmation_code: z.string() }) },
  },
  metaDataDeletionStatus: {
    params: DeletionCodeParams,
    responses: {
      200: z.object({
        confirmationCode: z.string(),
        status: z.enum(['pending', 'completed']),
        requestedAt: z.string(),
        completedAt: z.nullable(z.string()),
        connections: z.number().check(z.int()),
        connectionsPurged: z.number().check(z.int()),
        /** data kept on purpose, and why (Meta asks the status page to say so) */
        retained: z.array(z.string()),
      }),
    },
  },
  listAudit: { query: AuditQuery, responses: { 200: listOf(AuditEntrySchema) } },
  getRetention: { responses: { 200: RetentionSettings } },
  postExport: {
    responses: { 202: z.object({ id: z.string(), status: z.literal('pending'), requestedAt: z.string() }) },
  },
  getExport: {
    params: z.object({ id: z.string().check(z.regex(/^exp_[0-9a-z]{26}$/, 'not an export id')) }),
    responses: {
      200: z.object({
        id: z.string(),
        status: z.enum(['pending', 'completed', 'failed']),
        requestedAt: z.string(),
        completedAt: z.nullable(z.string()),
        items: z.nullable(z.number().check(z.int())),
        bytes: z.nullable(z.number().check(z.int())),
        format: z.literal('application/x-ndjson'),
        downloadUrl: z.nullable(z.string()),
      }),
    },
  },
  putRetention: { body: RetentionSettings, responses: { 200: RetentionSettings } },
} satisfies Record<string, OperationSchemas>;

/**
 * Stable component names of the request schemas in the OpenAPI document: clients generated from it use
 * these names, so renaming one is a breaking change.
 */
export const PRIVACY_SCHEMA_NAMES: Record<string, z.ZodMiniType> = { RetentionSettings };

/** One example per request body, shown in the OpenAPI document (a test parses each with its schema). */
export const PRIVACY_REQUEST_EXAMPLES: Record<string, unknown> = {
  metaDeauthorize: { signed_request: 'c2lnbmF0dXJl.eyJhbGdvcml0aG0iOiJITUFDLVNIQTI1NiJ9' },
  metaDataDeletion: { signed_request: 'c2lnbmF0dXJl.eyJhbGdvcml0aG0iOiJITUFDLVNIQTI1NiJ9' },
  putRetention: { messagesDays: 30, leadsDays: 395, keepLeadsAfterDisconnect: true },
};
