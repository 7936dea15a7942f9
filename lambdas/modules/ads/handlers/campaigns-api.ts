/** Tenant API: ad campaigns through approval, launch and pause; spend caps. */
import { updateSetting } from '../../../platform/core/update-setting';
import { httpHandler, json } from '../../../platform/handlers/http-handler';
import { parseRequest } from '../../../platform/handlers/parse-request';
import { callerFrom } from '../../../platform/handlers/tenant-context';
import { API_PREFIX } from '../../../platform/contracts/routes';
import { lambdaHandler } from '../../../platform/wiring/lambda-handler';
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
import {
  awsCampaignsApiRuntime,
  campaignsApiFromRuntime,
  type CampaignsApiRuntime,
} from '../wiring/campaigns-api';

export function createHandler(rt: CampaignsApiRuntime) {
  const caller = (e: Parameters<typeof callerFrom>[0]) => callerFrom(e, rt.config.tenantClaim);
  const { ads, httpIdempotency } = campaignsApiFromRuntime(rt);
  const byId =
    (op: keyof typeof OPS, run: (tenantId: string, id: string, actor: string) => Promise<unknown>) =>
    async (event: Parameters<typeof callerFrom>[0]) => {
      const who = caller(event);
      const { params } = parseRequest(event, OPS[op] as typeof OPS.getCampaign);
      return json(200, await run(who.tenantId, params.id, who.actor));
    };
  return httpHandler(
    { ...rt, httpIdempotency },
    {
      [`POST ${API_PREFIX}/campaigns`]: async (event) => {
        const who = caller(event);
        const { body } = parseRequest(event, OPS.createCampaign);
        return json(201, await createCampaignDraft(ads, who.tenantId, body, who.actor));
      },
      [`GET ${API_PREFIX}/campaigns`]: async (event) => {
        const who = caller(event);
        const { query } = parseRequest(event, OPS.listCampaigns);
        return json(200, await listCampaigns(ads, who.tenantId, query));
      },
      [`GET ${API_PREFIX}/campaigns/{id}`]: byId('getCampaign', (t, id) => getCampaign(ads, t, id)),
      [`PATCH ${API_PREFIX}/campaigns/{id}`]: async (event) => {
        const who = caller(event);
        const { params, body } = parseRequest(event, OPS.patchCampaign);
        return json(200, await updateCampaignDraft(ads, who.tenantId, params.id, body, who.actor));
      },
      [`POST ${API_PREFIX}/campaigns/{id}/approve`]: byId('approveCampaign', (t, id, a) =>
        approveCampaign(ads, t, id, a),
      ),
      [`POST ${API_PREFIX}/campaigns/{id}/reject`]: byId('rejectCampaign', (t, id, a) =>
        rejectCampaign(ads, t, id, a),
      ),
      [`POST ${API_PREFIX}/campaigns/{id}/launch`]: byId('launchCampaign', (t, id, a) =>
        setCampaignState(ads, t, id, 'launch', a),
      ),
      [`POST ${API_PREFIX}/campaigns/{id}/pause`]: byId('pauseCampaign', (t, id, a) =>
        setCampaignState(ads, t, id, 'pause', a),
      ),
      [`POST ${API_PREFIX}/campaigns/{id}/resume`]: byId('resumeCampaign', (t, id, a) =>
        setCampaignState(ads, t, id, 'resume', a),
      ),
      [`GET ${API_PREFIX}/settings/spend-caps`]: async (event) => {
        const who = caller(event);
        parseRequest(event, OPS.getSpendCaps);
        return json(200, (await ads.settings.get(who.tenantId, SPEND_CAPS_KEY)) ?? { caps: [] });
      },
      [`PUT ${API_PREFIX}/settings/spend-caps`]: async (event) => {
        const who = caller(event);
        const { body } = parseRequest(event, OPS.putSpendCaps);
        return json(200, await updateSetting(ads, who, SPEND_CAPS_KEY, body, { caps: body.caps }));
      },
    },
  );
}

/** what `handler` builds its runtime with, from the environment the stack sets (test/infra checks the two agree) */
export const awsRuntime = awsCampaignsApiRuntime;

export const handler = lambdaHandler(awsRuntime, createHandler);
