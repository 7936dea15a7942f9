/**
 * The Marketing API worker: campaign → ad set → creative → ad, all PAUSED, each id stored the moment Meta
 * returns it, so a retry after a failure resumes at the first missing object instead of duplicating the
 * ones already made. Meta's own words (`error_user_title` / `error_user_msg`) become the failure reason.
 */
import { MetaGraphError, classifyGraphError } from '../meta/graph-error';
import { expireOnTokenError } from '../connections/manage-connections';
import { GOAL_FOR, campaignHash, type CampaignRecord } from './campaign';
import type { AdsDeps } from './manage-campaigns';

export async function createAtMeta(deps: AdsDeps, tenantId: string, campaignId: string) {
  let c = await deps.campaigns.get(tenantId, campaignId);
  if (!c) return { outcome: 'skipped' as const, reason: 'campaign_gone' };
  if (c.meta.adId) return { outcome: 'skipped' as const, reason: 'already_created' };
  // an edit removes the approval and the draft waits for a new one: leave it as it is
  if (!c.approval) return { outcome: 'skipped' as const, reason: 'not_approved' };
  if (c.approval.hash !== campaignHash(c)) return fail(deps, c, 'content_changed_after_approval');
  const connection = await deps.connections.get(tenantId, c.connectionId);
  if (!connection?.userTokenCiphertext) return fail(deps, c, 'connection_not_active');
  const token = await deps.vault.decrypt(connection.userTokenCiphertext, {
    tenantId,
    connectionId: c.connectionId,
  });
  const save = async (patch: Partial<CampaignRecord>) => {
    c = { ...c!, ...patch, updatedAt: deps.clock.now().toISOString() };
    await deps.campaigns.put(c);
  };
  try {
    await save({ status: 'creating' });
    if (!c.meta.campaignId) {
      const id = await deps.graph.createCampaign(c.adAccountId, token, {
        name: c.name,
        objective: c.objective,
        specialAdCategories: c.specialAdCategories,
      });
      await save({ meta: { ...c.meta, campaignId: id } });
    }
    if (!c.meta.adsetId) {
      const id = await deps.graph.createAdSet(c.adAccountId, token, {
        name: `${c.name} — ad set`,
        campaignId: c.meta.campaignId!,
        dailyBudget: c.dailyBudget,
        optimizationGoal: GOAL_FOR[c.objective],
        startTime: c.startTime,
        endTime: c.endTime,
        targeting: {
          geo_locations: { countries: c.targeting.countries },
          age_min: c.targeting.ageMin,
          age_max: c.targeting.ageMax,
        },
        promotedObject: c.objective === 'OUTCOME_LEADS' ? { page_id: c.creative.pageId } : undefined,
      });
      await save({ meta: { ...c.meta, adsetId: id } });
    }
    if (!c.meta.creativeId) {
      const linkData = {
        message: c.creative.message ?? '',
        link: c.creative.link ?? `https://www.facebook.com/${c.creative.pageId}`,
        ...(c.creative.imageUrl ? { picture: c.creative.imageUrl } : {}),
        ...(c.leadFormId
          ? { call_to_action: { type: 'SIGN_UP', value: { lead_gen_form_id: c.leadFormId } } }
          : {}),
      };
      const id = await deps.graph.createCreative(c.adAccountId, token, {
        name: `${c.name} — creative`,
        ...(c.creative.postId
          ? { objectStoryId: c.creative.postId }
          : { objectStorySpec: { page_id: c.creative.pageId, link_data: linkData } }),
      });
      await save({ meta: { ...c.meta, creativeId: id } });
    }
    const adId = await deps.graph.createAd(c.adAccountId, token, {
      name: `${c.name} — ad`,
      adsetId: c.meta.adsetId!,
      creativeId: c.meta.creativeId!,
    });
    await save({ meta: { ...c.meta, adId }, status: 'paused' });
    await deps.audit.record({
      tenantId,
      id: deps.ids.next('aud'),
      at: deps.clock.now().toISOString(),
      actor: 'system:ads',
      action: 'campaign.created-paused',
      target: `campaign:${c.id}`,
      result: 'success',
      details: { ...c.meta },
    });
    return { outcome: 'created' as const, reason: 'created_paused' };
  } catch (err) {
    const tokenReason = await expireOnTokenError(deps, connection, err, 'system:ads');
    if (tokenReason) return fail(deps, c, `token_invalid_${tokenReason}`);
    if (err instanceof MetaGraphError) {
      const cls = classifyGraphError(err.httpStatus, err.body);
      if (cls.category === 'invalid' || cls.category === 'permission') {
        const plain =
          [err.body.errorUserTitle, err.body.errorUserMsg].filter(Boolean).join(': ') || err.body.message;
        return fail(deps, c, plain);
      }
    }
    // transient: the queue retries, and the stored ids make the retry resume
    throw err;
  }
}

async function fail(deps: AdsDeps, c: CampaignRecord, reason: string) {
  await deps.campaigns.put({
    ...c,
    status: 'failed',
    error: reason,
    updatedAt: deps.clock.now().toISOString(),
  });
  await deps.audit.record({
    tenantId: c.tenantId,
    id: deps.ids.next('aud'),
    at: deps.clock.now().toISOString(),
    actor: 'system:ads',
    action: 'campaign.create-at-meta',
    target: `campaign:${c.id}`,
    result: 'failure',
    reason: reason.slice(0, 200),
  });
  return { outcome: 'failed' as const, reason };
}
