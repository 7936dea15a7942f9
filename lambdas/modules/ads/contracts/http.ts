/** The HTTP operations of the campaigns API: the handler parses with them, the OpenAPI document is made of them. */
import * as z from 'zod';
import {
  OBJECTIVES,
  OPTIMIZATION_GOALS,
  RETIRED_SPECIAL_AD_CATEGORIES,
  SPECIAL_AD_CATEGORIES,
} from '../core/campaign';
import { listOf, PagingQuery, type OperationSchemas } from '../../../platform/contracts/http-schemas';
import { isoDateTime, publicUrl } from '../../../platform/contracts/field-caps';

export const CampaignIdParams = z.object({ id: z.string().regex(/^cmp_[0-9a-z]{26}$/, 'not a campaign id') });
const iso = isoDateTime.transform((s) => new Date(s).toISOString());
const metaId = z.string().regex(/^[0-9]{5,32}$/, 'not a Meta id');

/** Meta's current list; a retired value is refused with the one that replaced it */
const SpecialAdCategory = z.string().superRefine((value, ctx) => {
  if ((SPECIAL_AD_CATEGORIES as readonly string[]).includes(value)) return;
  const replacement = RETIRED_SPECIAL_AD_CATEGORIES[value];
  ctx.addIssue({
    code: 'custom',
    message: replacement
      ? `${value} was retired by Meta; use ${replacement}`
      : `one of ${SPECIAL_AD_CATEGORIES.join(', ')}`,
  });
});

/** Meta's DSA fields: who benefits from and who pays for an ad that reaches the EU */
const DsaParties = z
  .object({
    beneficiary: z.string().trim().min(1).max(200),
    payor: z.string().trim().min(1).max(200).optional(),
  })
  .strict();

const DraftFields = {
  adAccountId: z.string().regex(/^act_[0-9]{5,32}$/, 'an ad account id like act_123'),
  name: z.string().min(1).max(200),
  objective: z.enum(OBJECTIVES),
  optimizationGoal: z.enum(OPTIMIZATION_GOALS as [string, ...string[]]).optional(),
  dailyBudget: z.number().int().positive(),
  startTime: iso,
  endTime: iso.optional(),
  specialAdCategories: z.array(SpecialAdCategory).max(4).default([]),
  targeting: z
    .object({
      countries: z
        .array(z.string().regex(/^[A-Z]{2}$/))
        .min(1)
        .max(25),
      ageMin: z.number().int().min(18).max(65).default(18),
      ageMax: z.number().int().min(18).max(65).default(65),
    })
    .strict(),
  /** Meta's Advantage+ audience: off keeps the age range a limit, on lets Meta go beyond it */
  advantageAudience: z.boolean().default(false),
  /** required when the targeting reaches the EU, unless the ad account has defaults at Meta */
  dsa: DsaParties.optional(),
  creative: z
    .object({
      pageId: metaId,
      message: z.string().min(1).max(2000).optional(),
      link: publicUrl('link').optional(),
      imageUrl: publicUrl('media').optional(),
      postId: z
        .string()
        .regex(/^[0-9]{5,32}_[0-9]{5,32}$/, 'a Page post id like PAGEID_POSTID')
        .optional(),
    })
    .strict(),
  leadFormId: metaId.optional(),
};

export const CampaignBody = z.object(DraftFields).strict();
// a patch changes what it names: no defaults, or leaving a field out would reset it
export const CampaignPatchBody = z
  .object({
    ...DraftFields,
    specialAdCategories: z.array(SpecialAdCategory).max(4),
    advantageAudience: z.boolean(),
  })
  .partial()
  .strict();
export const SpendCapsBody = z
  .object({
    caps: z
      .array(
        z
          .object({
            adAccountId: DraftFields.adAccountId,
            dailyCap: z.number().int().positive(),
            lifetimeCap: z.number().int().positive(),
          })
          .strict(),
      )
      .max(100),
  })
  .strict();

const CampaignSchema = z
  .object({
    id: z.string(),
    connectionId: z.string(),
    adAccountId: z.string(),
    name: z.string(),
    objective: z.enum(OBJECTIVES),
    dailyBudget: z.number(),
    status: z.enum(['draft', 'approved', 'creating', 'paused', 'active', 'failed', 'rejected']),
    meta: z.object({
      campaignId: z.string().optional(),
      adsetId: z.string().optional(),
      creativeId: z.string().optional(),
      adId: z.string().optional(),
    }),
    approval: z.object({ by: z.string(), at: z.string(), ruleId: z.string().nullable() }).nullable(),
    error: z.string().nullable(),
    /** Meta's side, from the status sync: effective status, delivery issues, lifetime spend (major units) */
    sync: z
      .object({ effectiveStatus: z.string(), issues: z.array(z.string()), spend: z.number(), at: z.string() })
      .optional(),
    /** how Meta's usage of the ad account slowed the last job on this campaign */
    pacing: z
      .object({ reason: z.string(), percent: z.number(), waitMs: z.number(), at: z.string() })
      .optional(),
    launchedAt: z.string().optional(),
    /** on creation only: what the tenant's spend caps decided, and the figures behind it */
    approvalReason: z.string().optional(),
    approvalFigures: z
      .object({
        dailyCap: z.number(),
        lifetimeCap: z.number(),
        committedDaily: z.number(),
        draftDaily: z.number(),
        committedLifetime: z.number().nullable(),
        draftLifetime: z.number().nullable(),
      })
      .nullable()
      .optional(),
  })
  .passthrough()
  .meta({ id: 'Campaign' });

const byId = { params: CampaignIdParams, responses: { 200: CampaignSchema } };

export const CAMPAIGN_OPERATIONS = {
  createCampaign: { body: CampaignBody, responses: { 201: CampaignSchema } },
  listCampaigns: { query: PagingQuery, responses: { 200: listOf(CampaignSchema) } },
  getCampaign: byId,
  patchCampaign: { ...byId, body: CampaignPatchBody },
  approveCampaign: byId,
  rejectCampaign: byId,
  launchCampaign: byId,
  pauseCampaign: byId,
  resumeCampaign: byId,
  getSpendCaps: { responses: { 200: SpendCapsBody } },
  putSpendCaps: { body: SpendCapsBody, responses: { 200: SpendCapsBody } },
} satisfies Record<string, OperationSchemas>;

/**
 * Stable component names of the request schemas in the OpenAPI document: clients generated from it use
 * these names, so renaming one is a breaking change.
 */
export const CAMPAIGN_SCHEMA_NAMES: Record<string, z.ZodType> = {
  CampaignDraft: CampaignBody,
  CampaignPatch: CampaignPatchBody,
  SpendCaps: SpendCapsBody,
};

/** One example per request body, shown in the OpenAPI document (a test parses each with its schema). */
export const CAMPAIGN_REQUEST_EXAMPLES: Record<string, unknown> = {
  createCampaign: {
    adAccountId: 'act_1234567890',
    name: 'Winter open day',
    objective: 'OUTCOME_LEADS',
    dailyBudget: 2000,
    startTime: '2026-12-01T08:00:00Z',
    targeting: { countries: ['FR', 'BE'], ageMin: 25, ageMax: 55 },
    creative: {
      pageId: '104729384756123',
      message: 'Book your visit',
      imageUrl: 'https://cdn.example/visit.jpg',
    },
    leadFormId: '771234567890123',
  },
  patchCampaign: { dailyBudget: 2500 },
  putSpendCaps: { caps: [{ adAccountId: 'act_1234567890', dailyCap: 5000, lifetimeCap: 100000 }] },
};
