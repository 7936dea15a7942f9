/**
 * The ads module's public contracts: the only file other modules (and the registries in lambdas/app)
 * import from it. Events it publishes, the command its worker takes, its HTTP operations.
 */
export { CAMPAIGN_EVENTS, campaignEvent, type CampaignEventType } from './events';
export { CampaignCreateRequested, type CampaignCreateJob } from './commands';
export {
  CAMPAIGN_OPERATIONS,
  CAMPAIGN_REQUEST_EXAMPLES,
  CAMPAIGN_SCHEMA_NAMES,
  CampaignBody,
  CampaignPatchBody,
  SpendCapsBody,
} from './http';
export { CAMPAIGN_SK_PREFIX, StoredCampaignRef } from './campaign-records';
