/**
 * What other modules may read of the stored campaigns: where they are in the table and the few fields a
 * reader relies on (the insights recommendations look at the campaigns created at Meta).
 */
import * as z from '../../../platform/contracts/zod';

/** sort key prefix of a campaign item in its tenant's partition */
export const CAMPAIGN_SK_PREFIX = 'CAMPAIGN#';

export const StoredCampaignRef = z.object({
  id: z.string(),
  meta: z._default(z.object({ campaignId: z.optional(z.string()) }), {}),
});
export type StoredCampaignRef = z.output<typeof StoredCampaignRef>;
