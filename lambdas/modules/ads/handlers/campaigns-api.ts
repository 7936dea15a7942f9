/** Tenant API: ad campaigns through approval, launch and pause; spend caps. */
import { updateSetting } from '../../../platform/core/update-setting';
import { API_PREFIX } from '../../../platform/contracts/routes';
import { lambdaExports } from '../../../platform/wiring/lambda-handler';
import { tenantApi } from '../../../platform/wiring/tenant-api';
import { CAMPAIGN_OPERATIONS as OPS } from '../contracts/http';
import {
  SPEND_CAPS_KEY,
  approveCampaign,
  createCampaignDraft,
  getCampaign,
  listCampaigns,
  rejectCampaign,
  setCampaignState,
  updateCampaignDraft,
} from '../core/manage-campaigns';
import { ADS_MODULE } from '../module';
import { adsFromRuntime } from '../wiring/ads';
import { awsCampaignsApiRuntime, type CampaignsApiRuntime } from '../wiring/campaigns-api';

export function createHandler(rt: CampaignsApiRuntime) {
  const ads = adsFromRuntime(rt);
  return tenantApi(rt, ADS_MODULE, (route) => ({
    [`POST ${API_PREFIX}/campaigns`]: route(
      OPS.createCampaign,
      (who, { body }) => createCampaignDraft(ads, who.tenantId, body, who.actor),
      201,
    ),
    [`GET ${API_PREFIX}/campaigns`]: route(OPS.listCampaigns, (who, { query }) =>
      listCampaigns(ads, who.tenantId, query),
    ),
    [`GET ${API_PREFIX}/campaigns/{id}`]: route(OPS.getCampaign, (who, { params }) =>
      getCampaign(ads, who.tenantId, params.id),
    ),
    [`PATCH ${API_PREFIX}/campaigns/{id}`]: route(OPS.patchCampaign, (who, { params, body }) =>
      updateCampaignDraft(ads, who.tenantId, params.id, body, who.actor),
    ),
    [`POST ${API_PREFIX}/campaigns/{id}/approve`]: route(OPS.approveCampaign, (who, { params }) =>
      approveCampaign(ads, who.tenantId, params.id, who.actor),
    ),
    [`POST ${API_PREFIX}/campaigns/{id}/reject`]: route(OPS.rejectCampaign, (who, { params }) =>
      rejectCampaign(ads, who.tenantId, params.id, who.actor),
    ),
    [`POST ${API_PREFIX}/campaigns/{id}/launch`]: route(OPS.launchCampaign, (who, { params }) =>
      setCampaignState(ads, who.tenantId, params.id, 'launch', who.actor),
    ),
    [`POST ${API_PREFIX}/campaigns/{id}/pause`]: route(OPS.pauseCampaign, (who, { params }) =>
      setCampaignState(ads, who.tenantId, params.id, 'pause', who.actor),
    ),
    [`POST ${API_PREFIX}/campaigns/{id}/resume`]: route(OPS.resumeCampaign, (who, { params }) =>
      setCampaignState(ads, who.tenantId, params.id, 'resume', who.actor),
    ),
    [`GET ${API_PREFIX}/settings/spend-caps`]: route(
      OPS.getSpendCaps,
      async (who) => (await ads.settings.get(who.tenantId, SPEND_CAPS_KEY)) ?? { caps: [] },
    ),
    [`PUT ${API_PREFIX}/settings/spend-caps`]: route(OPS.putSpendCaps, (who, { body }) =>
      updateSetting(ads, who, SPEND_CAPS_KEY, body, { caps: body.caps }),
    ),
  }));
}

export const { awsRuntime, handler } = lambdaExports(awsCampaignsApiRuntime, createHandler);
