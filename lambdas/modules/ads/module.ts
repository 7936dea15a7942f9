/**
 * The ads module as the registries see it (lambdas/app/modules.ts): the campaigns API and its routes, the
 * ads queue and what feeds it, the campaign status schedule. Handler modules are named by path.
 */
import { API_PREFIX } from '../../platform/contracts/routes';
import { defineModule } from '../../platform/contracts/module';
import { INGEST_SOURCE } from '../../platform/contracts/topology';
import {
  CAMPAIGN_OPERATIONS,
  CAMPAIGN_REQUEST_EXAMPLES,
  CAMPAIGN_SCHEMA_NAMES,
  CampaignCreateRequested,
} from './contracts';
import { ADS_QUEUE } from './queue';

export { ADS_QUEUE };

export const ADS_MODULE = defineModule({
  name: 'ads',
  http: {
    functions: {
      campaigns: {
        entry: 'lambdas/modules/ads/handlers/campaigns-api.ts',
        description: 'Tenant API: ad campaigns, approvals, launch and pause, spend caps',
      },
    },
    routes: [
      {
        method: 'POST',
        path: `${API_PREFIX}/campaigns`,
        fn: 'campaigns',
        auth: 'jwt',
        operationId: 'createCampaign',
        summary: 'Draft a campaign (campaign, ad set, creative, ad)',
      },
      {
        method: 'GET',
        path: `${API_PREFIX}/campaigns`,
        fn: 'campaigns',
        auth: 'jwt',
        operationId: 'listCampaigns',
        summary: 'Campaigns',
      },
      {
        method: 'GET',
        path: `${API_PREFIX}/campaigns/{id}`,
        fn: 'campaigns',
        auth: 'jwt',
        operationId: 'getCampaign',
        summary: 'One campaign with its Meta ids',
      },
      {
        method: 'PATCH',
        path: `${API_PREFIX}/campaigns/{id}`,
        fn: 'campaigns',
        auth: 'jwt',
        operationId: 'patchCampaign',
        summary: 'Edit a draft (an approved draft goes back to draft)',
      },
      {
        method: 'POST',
        path: `${API_PREFIX}/campaigns/{id}/approve`,
        fn: 'campaigns',
        auth: 'jwt',
        operationId: 'approveCampaign',
        summary: 'Approve exactly this campaign and budget; it is created at Meta, paused',
      },
      {
        method: 'POST',
        path: `${API_PREFIX}/campaigns/{id}/reject`,
        fn: 'campaigns',
        auth: 'jwt',
        operationId: 'rejectCampaign',
        summary: 'Reject a draft',
      },
      {
        method: 'POST',
        path: `${API_PREFIX}/campaigns/{id}/launch`,
        fn: 'campaigns',
        auth: 'jwt',
        operationId: 'launchCampaign',
        summary: 'Start spending: set the campaign, ad set and ad ACTIVE',
      },
      {
        method: 'POST',
        path: `${API_PREFIX}/campaigns/{id}/pause`,
        fn: 'campaigns',
        auth: 'jwt',
        operationId: 'pauseCampaign',
        summary: 'Stop spending: set them PAUSED',
      },
      {
        method: 'POST',
        path: `${API_PREFIX}/campaigns/{id}/resume`,
        fn: 'campaigns',
        auth: 'jwt',
        operationId: 'resumeCampaign',
        summary: 'Resume a paused campaign',
      },
      {
        method: 'GET',
        path: `${API_PREFIX}/settings/spend-caps`,
        fn: 'campaigns',
        auth: 'jwt',
        operationId: 'getSpendCaps',
        summary: 'Spend caps that approve campaigns without a person',
      },
      {
        method: 'PUT',
        path: `${API_PREFIX}/settings/spend-caps`,
        fn: 'campaigns',
        auth: 'jwt',
        operationId: 'putSpendCaps',
        summary: 'Set daily and lifetime spend caps per ad account',
      },
    ],
    idempotentCreates: { createCampaign: { sealAnswer: false } },
    operations: CAMPAIGN_OPERATIONS,
    schemaNames: CAMPAIGN_SCHEMA_NAMES,
    examples: CAMPAIGN_REQUEST_EXAMPLES,
    tag: 'Campaigns',
  },
  queues: [ADS_QUEUE],
  busRules: [
    {
      name: 'campaign-jobs',
      source: INGEST_SOURCE,
      detailTypes: [CampaignCreateRequested.detailType],
      queue: ADS_QUEUE.name,
    },
  ],
  schedules: [
    {
      name: 'campaign-status',
      rate: 'rate(15 minutes)',
      job: 'lambdas/modules/ads/handlers/campaign-status.ts',
    },
  ],
});
