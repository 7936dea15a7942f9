/**
 * The ads module's slice of the Marketing API over the shared Graph client: campaign, ad set, creative and
 * ad (each created PAUSED), their status, the read-back by name, spend, and what the ad account says about
 * DSA and minimum budgets. Paths, fields and Meta's answer shapes live here; every call reports Meta's usage
 * headers to the caller's pacer.
 * https://developers.facebook.com/docs/marketing-api/reference/ad-account/campaigns/
 * https://developers.facebook.com/docs/marketing-api/reference/ad-account/adsets/
 * https://developers.facebook.com/docs/marketing-api/reference/ad-account/adcreatives/
 * https://developers.facebook.com/docs/marketing-api/reference/ad-account/ads/
 * https://developers.facebook.com/docs/marketing-api/reference/ad-campaign-group/
 * https://developers.facebook.com/docs/marketing-api/reference/ad-account/minimum_budgets/
 */
import * as z from '../../../platform/contracts/zod';
import type { GraphClient } from '../../../platform/adapters/graph/graph-client';
import { idString, listOf, readAllPages } from '../../../platform/adapters/graph/graph-pages';
import type { UsageObserver } from '../../../platform/core/graph/ad-account-pace';
import type { AdSetSpec, AdsGraph, CampaignSpec } from '../ports';

const IdResponse = z.object({ id: idString });
const SuccessResponse = z.object({ success: z.union([z.boolean(), z.literal('true')]) });

const CampaignStatusResponse = z.object({
  effective_status: z.string(),
  issues_info: z.optional(
    z.array(z.object({ error_summary: z.optional(z.string()), error_message: z.optional(z.string()) })),
  ),
});

const AdAccountCurrencyResponse = z.object({ id: z.string(), currency: z.string() });

/** `GET /act_{id}?fields=default_dsa_beneficiary,default_dsa_payor`: absent when the account has none */
const AdAccountDsaResponse = z.object({
  id: z.string(),
  default_dsa_beneficiary: z.optional(z.string().check(z.maxLength(500))),
  default_dsa_payor: z.optional(z.string().check(z.maxLength(500))),
});

/** `GET /act_{id}/dsa_recommendations`: Meta's suggestions, to be reviewed by a person */
const DsaRecommendationsResponse = z.object({
  data: z
    .array(
      z.object({
        recommendations: z._default(z.array(z.string().check(z.maxLength(500))).check(z.maxLength(50)), []),
      }),
    )
    .check(z.maxLength(50)),
});

/** `GET /act_{id}/minimum_budgets`: floors in the account currency's minor units */
const MinimumBudgetsResponse = z.object({
  data: z.array(
    z.object({
      currency: z.string(),
      min_daily_budget_imp: z.coerce.number().check(z.int()),
      min_daily_budget_high_freq: z.coerce.number().check(z.int()),
      min_daily_budget_low_freq: z.coerce.number().check(z.int()),
    }),
  ),
});

const NamedItem = z.object({ id: idString, name: z.optional(z.string()) });

const SpendRow = z.object({ spend: z._default(z.coerce.number(), 0) });

export class AdsGraphGateway implements AdsGraph {
  constructor(
    private readonly client: GraphClient,
    /** the most pages of a list followed (a runaway `next` must not loop forever) */
    private readonly maxPages?: number,
  ) {}

  /** Creates an object under the ad account (`POST /act_{id}/<edge>`) and answers its id. */
  private async create(
    adAccountId: string,
    edge: 'campaigns' | 'adsets' | 'adcreatives' | 'ads',
    token: string,
    form: Record<string, string | number | boolean | undefined>,
    observe?: UsageObserver,
  ): Promise<string> {
    return (
      await this.client.post(`${adAccountId}/${edge}`, { token, form, schema: IdResponse, onUsage: observe })
    ).id;
  }

  async createCampaign(adAccountId: string, token: string, c: CampaignSpec, observe?: UsageObserver) {
    const form = {
      name: c.name,
      objective: c.objective,
      status: 'PAUSED',
      special_ad_categories: JSON.stringify(c.specialAdCategories),
      special_ad_category_country:
        c.specialAdCategories.length > 0 && c.specialAdCategoryCountries?.length
          ? JSON.stringify(c.specialAdCategoryCountries)
          : undefined,
      // the budget lives on the ad set; Meta requires saying whether ad sets may share it
      is_adset_budget_sharing_enabled: false,
    };
    return this.create(adAccountId, 'campaigns', token, form, observe);
  }

  async createAdSet(adAccountId: string, token: string, a: AdSetSpec, observe?: UsageObserver) {
    const form = {
      name: a.name,
      campaign_id: a.campaignId,
      daily_budget: a.dailyBudget,
      billing_event: 'IMPRESSIONS',
      optimization_goal: a.optimizationGoal,
      start_time: a.startTime,
      end_time: a.endTime,
      targeting: JSON.stringify(a.targeting),
      promoted_object: a.promotedObject ? JSON.stringify(a.promotedObject) : undefined,
      destination_type: a.destinationType,
      dsa_beneficiary: a.dsaBeneficiary,
      dsa_payor: a.dsaPayor,
      status: 'PAUSED',
    };
    return this.create(adAccountId, 'adsets', token, form, observe);
  }

  async createCreative(
    adAccountId: string,
    token: string,
    c: { name: string; objectStorySpec?: unknown; objectStoryId?: string },
    observe?: UsageObserver,
  ) {
    const form = {
      name: c.name,
      object_story_spec: c.objectStorySpec ? JSON.stringify(c.objectStorySpec) : undefined,
      object_story_id: c.objectStoryId,
    };
    return this.create(adAccountId, 'adcreatives', token, form, observe);
  }

  async createAd(
    adAccountId: string,
    token: string,
    a: { name: string; adsetId: string; creativeId: string },
    observe?: UsageObserver,
  ) {
    const form = {
      name: a.name,
      adset_id: a.adsetId,
      creative: JSON.stringify({ creative_id: a.creativeId }),
      status: 'PAUSED',
    };
    return this.create(adAccountId, 'ads', token, form, observe);
  }

  async setAdObjectStatus(
    objectId: string,
    token: string,
    status: 'ACTIVE' | 'PAUSED',
    observe?: UsageObserver,
  ) {
    // setting the same status twice is harmless, so a lost answer may be retried
    await this.client.post(objectId, {
      token,
      form: { status },
      schema: SuccessResponse,
      idempotent: true,
      onUsage: observe,
    });
  }

  async campaignLifetimeSpend(campaignId: string, token: string, observe?: UsageObserver) {
    const rows = await readAllPages(this.client, `${campaignId}/insights`, {
      token,
      item: SpendRow,
      query: { fields: 'spend', date_preset: 'maximum' },
      maxPages: this.maxPages,
      onUsage: observe,
    });
    return Math.round(rows.reduce((n, r) => n + r.spend, 0) * 100) / 100;
  }

  async adAccountDsa(adAccountId: string, token: string) {
    const account = await this.client.get(adAccountId, {
      token,
      query: { fields: 'default_dsa_beneficiary,default_dsa_payor' },
      schema: AdAccountDsaResponse,
    });
    const rec = await this.client.get(`${adAccountId}/dsa_recommendations`, {
      token,
      schema: DsaRecommendationsResponse,
    });
    return {
      beneficiary: account.default_dsa_beneficiary ?? null,
      payor: account.default_dsa_payor ?? null,
      recommendations: [...new Set(rec.data.flatMap((r) => r.recommendations))],
    };
  }

  async adAccountMinimums(adAccountId: string, token: string) {
    const account = await this.client.get(adAccountId, {
      token,
      query: { fields: 'currency' },
      schema: AdAccountCurrencyResponse,
    });
    const res = await this.client.get(`${adAccountId}/minimum_budgets`, {
      token,
      schema: MinimumBudgetsResponse,
    });
    const row = res.data.find((r) => r.currency === account.currency) ?? res.data[0];
    if (!row) return null;
    return {
      currency: account.currency,
      impressions: row.min_daily_budget_imp,
      highFrequency: row.min_daily_budget_high_freq,
      lowFrequency: row.min_daily_budget_low_freq,
    };
  }

  async findAdObjectByName(
    kind: 'campaign' | 'adset' | 'creative' | 'ad',
    parentId: string,
    tag: string,
    token: string,
    observe?: UsageObserver,
  ) {
    const edge = { campaign: 'campaigns', adset: 'adsets', creative: 'adcreatives', ad: 'ads' }[kind];
    const res = await this.client.get(`${parentId}/${edge}`, {
      token,
      query: {
        fields: 'id,name',
        filtering: JSON.stringify([{ field: 'name', operator: 'CONTAIN', value: tag }]),
        limit: 25,
      },
      schema: listOf(NamedItem),
      onUsage: observe,
    });
    return res.data.find((o) => (o.name ?? '').includes(tag))?.id ?? null;
  }

  async campaignStatus(campaignId: string, token: string, observe?: UsageObserver) {
    const res = await this.client.get(campaignId, {
      token,
      query: { fields: 'effective_status,issues_info' },
      schema: CampaignStatusResponse,
      onUsage: observe,
    });
    return {
      effectiveStatus: res.effective_status,
      issues: (res.issues_info ?? []).map((i) => i.error_summary ?? i.error_message ?? 'delivery issue'),
    };
  }
}
