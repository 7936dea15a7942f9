/** The HTTP operations of the leads API: the handler parses with them, the OpenAPI document is made of them. */
import * as z from '../../../platform/contracts/zod';
import { listOf, PagingQuery, type OperationSchemas } from '../../../platform/contracts/http-schemas';
import { cappedRecord, isoDateTime, mapKey } from '../../../platform/contracts/field-caps';
import { LeadStatusMapping } from './status-mapping';

const isoDate = isoDateTime;

/** A form has a few dozen questions at most; 200 mappings of 100-character names fit one item easily. */
const MAX_MAPPED_QUESTIONS = 200;

export const LeadIdParams = z.object({
  id: z.string().check(z.regex(/^lead_[0-9]{1,32}$/, 'not a lead id')),
});
export const FormIdParams = z.object({
  formId: z.string().check(z.regex(/^[0-9]{1,32}$/, 'not a Meta form id')),
});

export const LeadListQuery = z
  .strictObject({
    ...PagingQuery.shape,
    formId: z.optional(z.string().check(z.regex(/^[0-9]{1,32}$/))),
    pageId: z.optional(z.string().check(z.regex(/^[0-9]{1,32}$/))),
    status: z.optional(z.string().check(z.regex(/^[a-z0-9_-]{1,64}$/, 'a lead status'))),
    // normalized to UTC so they compare with the stored ISO times
    since: z.optional(
      z.pipe(
        isoDate,
        z.transform((s) => new Date(s).toISOString()),
      ),
    ),
    until: z.optional(
      z.pipe(
        isoDate,
        z.transform((s) => new Date(s).toISOString()),
      ),
    ),
  })
  .check(
    z.refine((q) => !q.since || !q.until || q.since <= q.until, {
      message: 'since must not be after until',
      path: ['since'],
    }),
  );

export const LeadStatusBody = z.strictObject({
  status: z.string().check(z.regex(/^[a-z0-9_-]{1,64}$/, 'lower-case letters, digits, _ and -')),
});

export const MappingBody = z.strictObject({
  fields: cappedRecord(
    mapKey(/^[A-Za-z0-9_.-]{1,100}$/, 'a Meta question key'),
    z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9_.]{0,99}$/, 'a CRM field name')),
    MAX_MAPPED_QUESTIONS,
    'mapped questions',
  ),
});

export const BackfillBody = z.strictObject({ since: isoDate });

export const LeadSchema = z
  .object({
    id: z.string(),
    leadgenId: z.string(),
    connectionId: z.string(),
    formId: z.string(),
    pageId: z.string(),
    createdAt: z.string(),
    receivedAt: z.string(),
    fields: z.record(z.string(), z.string()),
    customFields: z.record(z.string(), z.string()),
    attribution: z.object({
      adId: z.nullable(z.string()),
      adsetId: z.nullable(z.string()),
      campaignId: z.nullable(z.string()),
      adName: z.nullable(z.string()),
      adsetName: z.nullable(z.string()),
      campaignName: z.nullable(z.string()),
      isOrganic: z.boolean(),
      platform: z.nullable(z.string()),
    }),
    status: z.string(),
    statusChangedAt: z.nullable(z.string()),
    source: z.enum(['webhook', 'reconciliation', 'backfill']),
  })
  .register(z.globalRegistry, { id: 'Lead' });

export const LeadStatusMappingBody = z.strictObject(LeadStatusMapping.shape);

export const LEAD_OPERATIONS = {
  listLeads: { query: LeadListQuery, responses: { 200: listOf(LeadSchema) } },
  getLead: { params: LeadIdParams, responses: { 200: LeadSchema } },
  patchLead: {
    params: LeadIdParams,
    body: LeadStatusBody,
    responses: { 200: z.extend(LeadSchema, { metaFeedback: z.string() }) },
  },
  eraseLead: {
    params: LeadIdParams,
    responses: { 200: z.object({ id: z.string(), erased: z.literal(true), erasedAt: z.string() }) },
  },
  putLeadFormMapping: {
    params: FormIdParams,
    body: MappingBody,
    responses: {
      200: z.object({ formId: z.string(), fields: z.record(z.string(), z.string()), updatedAt: z.string() }),
    },
  },
  getLeadFormMapping: {
    params: FormIdParams,
    responses: {
      200: z.object({
        formId: z.string(),
        fields: z.record(z.string(), z.string()).check(z.describe('the tenant mapping of this form')),
        defaults: z
          .record(z.string(), z.string())
          .check(z.describe("Meta's standard question keys, used when unmapped")),
      }),
    },
  },
  backfillLeadForm: {
    params: FormIdParams,
    body: BackfillBody,
    responses: {
      202: z.object({
        requestId: z.string(),
        formId: z.string(),
        since: z.string(),
        status: z.literal('queued'),
      }),
    },
  },
  getLeadStatusMapping: { responses: { 200: z.nullable(LeadStatusMapping) } },
  putLeadStatusMapping: { body: LeadStatusMappingBody, responses: { 200: LeadStatusMapping } },
} satisfies Record<string, OperationSchemas>;

/**
 * Stable component names of the request schemas in the OpenAPI document: clients generated from it use
 * these names, so renaming one is a breaking change.
 */
export const LEAD_SCHEMA_NAMES: Record<string, z.ZodMiniType> = {
  LeadStatusChange: LeadStatusBody,
  LeadFormMapping: MappingBody,
  LeadBackfillRequest: BackfillBody,
  LeadStatusMappingRequest: LeadStatusMappingBody,
};

/** One example per request body, shown in the OpenAPI document (a test parses each with its schema). */
export const LEAD_REQUEST_EXAMPLES: Record<string, unknown> = {
  patchLead: { status: 'qualified' },
  putLeadFormMapping: { fields: { email: 'contact.email', full_name: 'contact.name' } },
  backfillLeadForm: { since: '2026-10-01T00:00:00Z' },
  putLeadStatusMapping: {
    datasetId: '5550001112223',
    crmName: 'Acme CRM',
    stages: { qualified: 'Qualified Lead', won: 'Converted' },
  },
};
