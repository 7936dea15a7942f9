/**
 * The Marketing API worker: campaign → ad set → creative → ad, all PAUSED, each id stored the moment Meta
 * returns it, so a retry after a failure resumes at the first missing object instead of duplicating the
 * ones already made. A create whose answer was lost may still have happened at Meta, and the Marketing
 * API has no idempotency key: every object's name carries the campaign's id, the step is marked before the
 * call, and a retry of a marked step reads back by name first. The ad account is paced by the usage Meta
 * reports; a long wait gives the job back to the queue with a delay. Meta's own words
 * (`error_user_title` / `error_user_msg`) become the failure reason.
 */
import { MetaGraphError, classifyGraphError } from '../../../platform/core/graph/graph-error';
import { DomainError } from '../../../platform/core/errors';
import { adAccountPacer, type PaceDecision } from '../../../platform/core/graph/ad-account-pace';
import { CampaignCreateRequested } from '../contracts/commands';
import type { AdsDeps } from '../ports';
import { campaignHash, goalOf, metaNameTag, type CampaignRecord, type MetaIds } from './campaign';
import { tokenRefused } from '../../../platform/core/graph/token-refused';
import { recordAudit } from '../../../platform/core/record-audit';

type Step = NonNullable<CampaignRecord['pendingStep']>;

const STEPS: ReadonlyArray<{ step: Step; id: keyof MetaIds }> = [
  { step: 'campaign', id: 'campaignId' },
  { step: 'adset', id: 'adsetId' },
  { step: 'creative', id: 'creativeId' },
  { step: 'ad', id: 'adId' },
];

/**
 * How long a run holds a campaign: longer than the ads worker may run (60 s), shorter than the queue's
 * visibility (120 s), so a duplicate delivered meanwhile never overlaps it and a redelivery after a
 * crash finds it free.
 */
export const RUN_LEASE_MS = 90_000;

export type CreateOutcome =
  | { outcome: 'created'; reason: 'created_paused' }
  | { outcome: 'skipped'; reason: string }
  | { outcome: 'deferred'; reason: string; waitMs: number }
  | { outcome: 'failed'; reason: string };

export async function createAtMeta(
  deps: AdsDeps,
  tenantId: string,
  campaignId: string,
): Promise<CreateOutcome> {
  let c = await deps.campaigns.get(tenantId, campaignId);
  if (!c) return { outcome: 'skipped', reason: 'campaign_gone' };
  if (c.meta.adId) return { outcome: 'skipped', reason: 'already_created' };
  // an edit removes the approval and the draft waits for a new one: leave it as it is
  if (!c.approval || c.status === 'draft' || c.status === 'rejected')
    return { outcome: 'skipped', reason: 'not_approved' };
  if (c.approval.hash !== campaignHash(c)) return fail(deps, c, 'content_changed_after_approval');
  if (c.status !== 'approved' && c.status !== 'creating')
    return { outcome: 'skipped', reason: `campaign_${c.status}` };
  const runId = deps.ids.next('run');
  if (c.lease && c.lease.runId !== runId && Date.parse(c.lease.until) > deps.clock.now().getTime())
    return { outcome: 'skipped', reason: 'another_run_in_progress' };

  // every write is conditional on the revision read: an edit, or a duplicate delivery of this job
  // running beside it, makes this run stop instead of writing over it or creating twice
  const save = async (patch: Partial<CampaignRecord>) => {
    const next: CampaignRecord = { ...c!, ...patch, updatedAt: deps.clock.now().toISOString() };
    if (!(await deps.campaigns.putIf(next, c!.rev)))
      throw new DomainError(
        'conflict',
        'The campaign changed while it was being created',
        'changed_by_another_run',
      );
    c = { ...next, rev: (c!.rev ?? 0) + 1 };
  };
  const connection = await deps.connections.get(tenantId, c.connectionId);
  if (!connection?.userTokenCiphertext) return fail(deps, c, 'connection_not_active');
  const token = await deps.vault.decrypt(connection.userTokenCiphertext, {
    tenantId,
    connectionId: c.connectionId,
  });
  const pacer = adAccountPacer(deps, {
    tenantId,
    connectionId: c.connectionId,
    adAccountId: c.adAccountId,
    bucket: 'ads_management',
  });
  try {
    // an account Meta asked to wait keeps the campaign approved (still editable, nothing sent) until later
    const pace = await pacer.settle();
    if (!pace.go) return defer(deps, c, pace, save);
    // the claim: approved → creating (or a free creating one), held by this run
    await save({
      status: 'creating',
      error: undefined,
      lease: { runId, until: new Date(deps.clock.now().getTime() + RUN_LEASE_MS).toISOString() },
    });
  } catch (err) {
    if (err instanceof DomainError && err.reason === 'changed_by_another_run')
      return { outcome: 'skipped', reason: 'changed_while_claiming' };
    throw err;
  }
  const tag = metaNameTag(c);
  const observe = pacer.observe;

  const create = async (step: Step): Promise<string> => {
    const r = c!;
    switch (step) {
      case 'campaign':
        return deps.graph.createCampaign(
          r.adAccountId,
          token,
          {
            name: `${r.name} ${tag}`,
            objective: r.objective,
            specialAdCategories: r.specialAdCategories,
            specialAdCategoryCountries: r.targeting.countries,
          },
          observe,
        );
      case 'adset': {
        const lead = r.objective === 'OUTCOME_LEADS';
        const dsa = r.dsa ?? null;
        return deps.graph.createAdSet(
          r.adAccountId,
          token,
          {
            name: `${r.name} — ad set ${tag}`,
            campaignId: r.meta.campaignId!,
            dailyBudget: r.dailyBudget,
            optimizationGoal: goalOf(r),
            startTime: r.startTime,
            endTime: r.endTime,
            targeting: {
              geo_locations: { countries: r.targeting.countries },
              age_min: r.targeting.ageMin,
              age_max: r.targeting.ageMax,
              // said every time: from v23.0 Meta turns it on when it is left out
              targeting_automation: { advantage_audience: r.advantageAudience ? 1 : 0 },
            },
            promotedObject: lead ? { page_id: r.creative.pageId } : undefined,
            // the lead form opens on the ad itself (an instant form)
            destinationType: lead ? 'ON_AD' : undefined,
            dsaBeneficiary: dsa?.beneficiary,
            dsaPayor: dsa ? (dsa.payor ?? dsa.beneficiary) : undefined,
          },
          observe,
        );
      }
      case 'creative': {
        const linkData = {
          message: r.creative.message ?? '',
          link: r.creative.link ?? `https://www.facebook.com/${r.creative.pageId}`,
          ...(r.creative.imageUrl ? { picture: r.creative.imageUrl } : {}),
          ...(r.leadFormId
            ? { call_to_action: { type: 'SIGN_UP', value: { lead_gen_form_id: r.leadFormId } } }
            : {}),
        };
        return deps.graph.createCreative(
          r.adAccountId,
          token,
          {
            name: `${r.name} — creative ${tag}`,
            ...(r.creative.postId
              ? { objectStoryId: r.creative.postId }
              : { objectStorySpec: { page_id: r.creative.pageId, link_data: linkData } }),
          },
          observe,
        );
      }
      case 'ad':
        return deps.graph.createAd(
          r.adAccountId,
          token,
          { name: `${r.name} — ad ${tag}`, adsetId: r.meta.adsetId!, creativeId: r.meta.creativeId! },
          observe,
        );
    }
  };
  const parentOf = (step: Step) =>
    step === 'adset' ? c!.meta.campaignId! : step === 'ad' ? c!.meta.adsetId! : c!.adAccountId;

  try {
    for (const { step, id: key } of STEPS) {
      if (c.meta[key]) continue;
      const pace = await pacer.settle();
      if (!pace.go) return defer(deps, c, pace, save);
      // a marked step was sent before without its answer being stored: it may exist at Meta already
      let id =
        c.pendingStep === step
          ? await deps.graph.findAdObjectByName(step, parentOf(step), tag, token, observe)
          : null;
      if (!id) {
        await save({ pendingStep: step });
        id = await create(step);
      }
      await save({ meta: { ...c.meta, [key]: id }, pendingStep: undefined });
    }
    const slowest = pacer.strongest();
    await save({
      status: 'paused',
      lease: undefined,
      ...(slowest && slowest.waitMs > 0 ? { pacing: { ...slowest } } : {}),
    });
    await recordAudit(deps, {
      tenantId,
      actor: 'system:ads',
      action: 'campaign.created-paused',
      target: `campaign:${c.id}`,
      result: 'success',
      details: { ...c.meta, adAccountId: c.adAccountId },
    });
    return { outcome: 'created', reason: 'created_paused' };
  } catch (err) {
    if (err instanceof DomainError && err.reason === 'changed_by_another_run')
      return { outcome: 'skipped', reason: 'changed_by_another_run' };
    const tokenReason = await tokenRefused(deps, connection, err, 'system:ads');
    if (tokenReason) return fail(deps, c, `token_invalid_${tokenReason}`);
    const throttled = await pacer.refused(err);
    if (throttled) return defer(deps, c, throttled, save);
    if (err instanceof MetaGraphError) {
      const cls = classifyGraphError(err.httpStatus, err.body);
      if (cls.category === 'invalid' || cls.category === 'permission') {
        const plain =
          [err.body.errorUserTitle, err.body.errorUserMsg].filter(Boolean).join(': ') || err.body.message;
        return fail(deps, c, plain);
      }
    }
    // transient or no answer: the queue retries; stored ids and the marked step make the retry resume,
    // and the lease is let go so the retry need not wait for it
    await save({ lease: undefined }).catch(() => undefined);
    throw err;
  }
}

/** Meta asked the account to slow down for longer than a worker should sleep: try again later. */
async function defer(
  deps: AdsDeps,
  c: CampaignRecord,
  d: PaceDecision,
  save: (patch: Partial<CampaignRecord>) => Promise<void>,
): Promise<CreateOutcome> {
  await save({ pacing: { ...d, at: deps.clock.now().toISOString() }, lease: undefined });
  const seconds = Math.ceil(d.waitMs / 1000);
  if (!deps.delayedJobs)
    throw new DomainError(
      'rate_limited',
      `The ad account is paused for ${seconds} s by Meta's limits`,
      d.reason,
    );
  await deps.delayedJobs.sendAt(
    CampaignCreateRequested.detailType,
    CampaignCreateRequested.schema.parse({ tenantId: c.tenantId, campaignId: c.id }),
    seconds,
  );
  return { outcome: 'deferred', reason: d.reason, waitMs: d.waitMs };
}

async function fail(deps: AdsDeps, c: CampaignRecord, reason: string): Promise<CreateOutcome> {
  // the ids made so far stay: approving again resumes from them
  await deps.campaigns.putIf(
    { ...c, status: 'failed', error: reason, lease: undefined, updatedAt: deps.clock.now().toISOString() },
    c.rev,
  );
  await recordAudit(deps, {
    tenantId: c.tenantId,
    actor: 'system:ads',
    action: 'campaign.create-at-meta',
    target: `campaign:${c.id}`,
    result: 'failure',
    reason: reason.slice(0, 200),
  });
  return { outcome: 'failed', reason };
}
