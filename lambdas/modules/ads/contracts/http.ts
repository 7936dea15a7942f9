/** The HTTP operations of the campaigns API: the handler parses with them, the OpenAPI document is made of them. */
import * as z from '../../../platform/contracts/zod';
import {
  OBJECTIVES,
  OPTIMIZATION_GOALS,
  RETIRED_SPECIAL_AD_CATEGORIES,
  SPECIAL_AD_CATEGORIES,
} from '../core/campaign';
import { listOf, PagingQuery, type OperationSchemas } from '../../../platform/contracts/http-schemas';
import { isoDateTime, publicUrl } from '../../../platform/contracts/field-caps';

export const CampaignIdParams = z.object({
  id: z.string().check(z.regex(/^cmp_[0-9a-z]{26}$/, 'not a campaign id')),
});
const iso = z.pipe(
  isoDateTime,
  z.transform((s) => new Date(s).toISOString()),
);
const metaId = z.string().check(z.regex(/^[0-9]{5,32}$/, 'not a Meta id'));

/** Meta's current list; a retired value is refused with the one that replaced it */
const SpecialAdCategory = z.string().check(
  z.superRefine((value, ctx) => {
    if ((SPECIAL_AD_CATEGORIES as readonly string[]).includes(value)) return;
    const replacement = RETIRED_SPECIAL_AD_CATEGORIES[value];
    ctx.addIssue({
      code: 'custom',
      message: replacement
        ? `${value} was retired by Meta; use ${replacement}`
        : `one of ${SPECIAL_AD_CATEGORIES.join(', ')}`,
    });
  }),
);

/** Meta's DSA fields: who benefits from and who pays for an ad that reaches the EU */
const DsaParties = z.strictObject({
  beneficiary: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  payor: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
});

const DraftFields = {
  adAccountId: z.string().check(z.regex(/^act_[0-9]{5,32}$/, 'an ad account id like act_123')),
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  objective: z.enum(OBJECTIVES),
  optimizationGoal: z.optional(z.enum(OPTIMIZATION_GOALS as [string, ...string[]])),
  dailyBudget: z.number().check(z.int(), z.positive()),
  startTime: iso,
  endTime: z.optional(iso),
  specialAdCategories: z._default(z.array(SpecialAdCategory).check(z.maxLength(4)), []),
  targeting: z.strictObject({
    countries: z.array(z.string().check(z.regex(/^[A-Z]{2}$/))).check(z.minLength(1), z.maxLength(25)),
    ageMin: z._default(z.number().check(z.int(), z.minimum(18), z.maximum(65)), 18),
    ageMax: z._default(z.number().check(z.int(), z.minimum(18), z.maximum(65)), 65),
  }),
  /** Meta's Advantage+ audience: off keeps the age range a limit, on lets Meta go beyond it */
  advantageAudience: z._default(z.boolean(), false),
  /** required when the targeting reaches the EU, unless the ad account has defaults at Meta */
  dsa: z.optional(DsaParties),
  creative: z.strictObject({
    pageId: metaId,
    message: z.optional(z.string().check(z.minLength(1), z.maxLength(2000))),
    link: z.optional(publicUrl('link')),
    imageUrl: z.optional(publicUrl('media')),
    postId: z.optional(
      z.string().check(z.regex(/^[0-9]{5,32}_[0-9]{5,32}$/, 'a Page post id like PAGEID_POSTID')),
    ),
  }),
  leadFormId: z.optional(metaId),
};

export const CampaignBody = z.strictObject(DraftFields);
// a patch changes what it names: no defaults, or leaving a field out would reset it
export const CampaignPatchBody = z.strictObject(
  z.partial(
    z.object({
      ...DraftFields,
      specialAdCategories: z.array(SpecialAdCategory).check(z.maxLength(4)),
      advantageAudience: z.boolean(),
    }),
  ).shape,
);
export const SpendCapsBody = z.strictObject({
  caps: z
    .array(
      z.strictObject({
        adAccountId: DraftFields.adAccountId,
        dailyCap: z.number().check(z.int(), z.positive()),
        lifetimeCap: z.number().check(z.int(), z.positive()),
      }),
    )
    .check(z.maxLength(100)),
});

const CampaignSchema = z
  .looseObject({
    id: z.string(),
    connectionId: z.string(),
    adAccountId: z.string(),
    name: z.string(),
    objective: z.enum(OBJECTIVES),
    dailyBudget: z.number(),
    status: z.enum(['draft', 'approved', 'creating', 'paused', 'active', 'failed', 'rejected']),
    meta: z.object({
      campaignId: z.optional(z.string()),
      adsetId: z.optional(z.string()),
      creativeId: z.optional(z.string()),
      adId: z.optional(z.string()),
    }),
    approval: z.nullable(z.object({ by: z.string(), at: z.string(), ruleId: z.nullable(z.string()) })),
    error: z.nullable(z.string()),
    /** Meta's side, from the status sync: effective status, delivery issues, lifetime spend (major units) */
    sync: z.optional(
      z.object({
        effectiveStatus: z.string(),
        issues: z.array(z.string()),
        spend: z.number(),
        at: z.string(),
      }),
    ),
    /** how Meta's usage of the ad account slowed the last job on this campaign */
    pacing: z.optional(
      z.object({ reason: z.string(), percent: z.number(), waitMs: z.number(), at: z.string() }),
    ),
    launchedAt: z.optional(z.string()),
    /** on creation only: what the tenant's spend caps decided, and the figures behind it */
    approvalReason: z.optional(z.string()),
    approvalFigures: z.optional(
      z.nullable(
        z.object({
          dailyCap: z.number(),
          lifetimeCap: z.number(),
          committedDaily: z.number(),
          draftDaily: z.number(),
          committedLifetime: z.nullable(z.number()),
          draftLifetime: z.nullable(z.number()),
        }),
      ),
    ),
  })
  .register(z.globalRegistry, { id: 'Campaign' });

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
export const CAMPAIGN_SCHEMA_NAMES: Record<string, z.ZodMiniType> = {
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
