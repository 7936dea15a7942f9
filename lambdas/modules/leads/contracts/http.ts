/** The HTTP operations of the leads API: the handler parses with them, the OpenAPI document is made of them. */
import * as z from 'zod';
import { listOf, PagingQuery, type OperationSchemas } from '../../../platform/contracts/http-schemas';
import { cappedRecord, isoDateTime, mapKey } from '../../../platform/contracts/field-caps';
import { LeadStatusMapping } from './status-mapping';

const isoDate = isoDateTime;

/** A form has a few dozen questions at most; 200 mappings of 100-character names fit one item easily. */
const MAX_MAPPED_QUESTIONS = 200;

export const LeadIdParams = z.object({ id: z.string().regex(/^lead_[0-9]{1,32}$/, 'not a lead id') });
export const FormIdParams = z.object({ formId: z.string().regex(/^[0-9]{1,32}$/, 'not a Meta form id') });

export const LeadListQuery = PagingQuery.extend({
  formId: z
    .string()
    .regex(/^[0-9]{1,32}$/)
    .optional(),
  pageId: z
    .string()
    .regex(/^[0-9]{1,32}$/)
    .optional(),
  status: z
    .string()
    .regex(/^[a-z0-9_-]{1,64}$/, 'a lead status')
    .optional(),
  // normalized to UTC so they compare with the stored ISO times
  since: isoDate.transform((s) => new Date(s).toISOString()).optional(),
  until: isoDate.transform((s) => new Date(s).toISOString()).optional(),
})
  .strict()
  // a reversed range is a client's mistake, not an empty answer (and DynamoDB refuses BETWEEN b AND a)
  .refine((q) => !q.since || !q.until || q.since <= q.until, {
    message: 'since must not be after until',
    path: ['since'],
  });

export const LeadStatusBody = z
  .object({ status: z.string().regex(/^[a-z0-9_-]{1,64}$/, 'lower-case letters, digits, _ and -') })
  .strict();

export const MappingBody = z
  .object({
    fields: cappedRecord(
      mapKey(/^[A-Za-z0-9_.-]{1,100}$/, 'a Meta question key'),
      z.string().regex(/^[A-Za-z][A-Za-z0-9_.]{0,99}$/, 'a CRM field name'),
      MAX_MAPPED_QUESTIONS,
      'mapped questions',
    ),
  })
  .strict();

export const BackfillBody = z.object({ since: isoDate }).strict();

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
      adId: z.string().nullable(),
      adsetId: z.string().nullable(),
      campaignId: z.string().nullable(),
      adName: z.string().nullable(),
      adsetName: z.string().nullable(),
      campaignName: z.string().nullable(),
      isOrganic: z.boolean(),
      platform: z.string().nullable(),
    }),
    status: z.string(),
    statusChangedAt: z.string().nullable(),
    source: z.enum(['webhook', 'reconciliation', 'backfill']),
  })
  .meta({ id: 'Lead' });

export const LeadStatusMappingBody = LeadStatusMapping.strict();

export const LEAD_OPERATIONS = {
  listLeads: { query: LeadListQuery, responses: { 200: listOf(LeadSchema) } },
  getLead: { params: LeadIdParams, responses: { 200: LeadSchema } },
  patchLead: {
    params: LeadIdParams,
    body: LeadStatusBody,
    responses: { 200: LeadSchema.extend({ metaFeedback: z.string() }) },
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
        fields: z.record(z.string(), z.string()).describe('the tenant mapping of this form'),
        defaults: z
          .record(z.string(), z.string())
          .describe("Meta's standard question keys, used when unmapped"),
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
  getLeadStatusMapping: { responses: { 200: LeadStatusMapping.nullable() } },
  putLeadStatusMapping: { body: LeadStatusMappingBody, responses: { 200: LeadStatusMapping } },
} satisfies Record<string, OperationSchemas>;

/**
 * Stable component names of the request schemas in the OpenAPI document: clients generated from it use
 * these names, so renaming one is a breaking change.
 */
export const LEAD_SCHEMA_NAMES: Record<string, z.ZodType> = {
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
