/**
 * Campaigns through approval. Nothing reaches Meta (or spends) until a person or a spend-cap rule
 * approves exactly what will be sent; the worker then creates everything PAUSED; launching, pausing and
 * resuming are separate, audited steps. Every write is conditional on the revision read, so an edit and
 * the worker (or two people) can never silently overwrite each other.
 */
import { DomainError, invalid, notFound } from '../../../platform/core/errors';
import type { PageRequest } from '../../../platform/core/ports';
import { sendCommand } from '../../../platform/contracts/command-contract';
import { adAccountPacer } from '../../../platform/core/graph/ad-account-pace';
import { CampaignCreateRequested } from '../contracts/commands';
import { campaignEvent } from '../contracts/events';
import type { AdsConnection, AdsDeps } from '../ports';
import { refusalFromGraph } from './graph-refusals';
import {
  campaignHash,
  campaignView,
  decideBySpendCaps,
  reachesEu,
  validateCampaign,
  type AccountMinimums,
  type CampaignDraft,
  type CampaignRecord,
  type CampaignStatus,
  type SpendCap,
} from './campaign';
import { recordAudit } from '../../../platform/core/record-audit';

export const SPEND_CAPS_KEY = 'spend-caps';

export type { AdsDeps };

/** Campaigns that can still spend: what a spend cap has to count besides a new draft. */
const LIVE: ReadonlyArray<CampaignStatus> = ['approved', 'creating', 'paused', 'active'];

async function audit(deps: AdsDeps, c: CampaignRecord, actor: string, action: string, reason?: string) {
  await recordAudit(deps, {
    tenantId: c.tenantId,
    actor,
    action,
    target: `campaign:${c.id}`,
    result: 'success',
    reason,
    details: {
      adAccountId: c.adAccountId,
      dailyBudget: c.dailyBudget,
      metaCampaignId: c.meta.campaignId ?? null,
    },
  });
}

/** Writes `next` if `c` is still what is stored; a concurrent change is a 409, never a lost update. */
async function replace(deps: AdsDeps, c: CampaignRecord, next: CampaignRecord): Promise<CampaignRecord> {
  if (!(await deps.campaigns.putIf(next, c.rev)))
    throw new DomainError('conflict', 'The campaign changed meanwhile; read it again', 'campaign_changed');
  return { ...next, rev: (c.rev ?? 0) + 1 };
}

async function approve(deps: AdsDeps, c: CampaignRecord, by: string, ruleId?: string) {
  const now = deps.clock.now().toISOString();
  const approved = await replace(deps, c, {
    ...c,
    status: 'approved',
    approval: { hash: campaignHash(c), by, at: now, ...(ruleId ? { ruleId } : {}) },
    error: undefined,
    updatedAt: now,
  });
  await audit(deps, approved, by, 'campaign.approve', ruleId ? `rule:${ruleId}` : 'person');
  deps.metrics.count('approvals', { Subject: 'campaign', By: ruleId ? 'rule' : 'person' });
  await sendCommand(deps.commands, CampaignCreateRequested, { tenantId: c.tenantId, campaignId: c.id });
  return approved;
}

async function allCampaigns(deps: AdsDeps, tenantId: string): Promise<CampaignRecord[]> {
  const out: CampaignRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.campaigns.list(tenantId, { limit: 200, cursor });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

/** Meta's minimum budgets for the account; a draft is still checked against a fallback when Meta cannot say. */
async function accountMinimums(
  deps: AdsDeps,
  tenantId: string,
  connection: Pick<AdsConnection, 'connectionId' | 'userTokenCiphertext'>,
  adAccountId: string,
): Promise<AccountMinimums | null> {
  if (!connection.userTokenCiphertext) return null;
  try {
    const token = await deps.vault.decrypt(connection.userTokenCiphertext, {
      tenantId,
      connectionId: connection.connectionId,
    });
    return await deps.graph.adAccountMinimums(adAccountId, token);
  } catch {
    return null;
  }
}

/**
 * An ad that reaches the EU must name its beneficiary and payer. A draft without them takes the ad
 * account's defaults at Meta, so they are part of what is approved; without those, Meta's suggestions
 * are offered in the refusal (never used on their own: Meta says a person should review them).
 */
async function withAccountDsa(
  deps: AdsDeps,
  connection: Pick<AdsConnection, 'tenantId' | 'connectionId' | 'userTokenCiphertext'>,
  draft: CampaignDraft,
): Promise<{ draft: CampaignDraft; suggestions: string[] }> {
  if (draft.dsa || !reachesEu(draft.targeting.countries) || !connection.userTokenCiphertext)
    return { draft, suggestions: [] };
  try {
    const token = await deps.vault.decrypt(connection.userTokenCiphertext, {
      tenantId: connection.tenantId,
      connectionId: connection.connectionId,
    });
    const found = await deps.graph.adAccountDsa(draft.adAccountId, token);
    if (found.beneficiary)
      return {
        draft: { ...draft, dsa: { beneficiary: found.beneficiary, payor: found.payor ?? found.beneficiary } },
        suggestions: [],
      };
    return { draft, suggestions: found.recommendations };
  } catch {
    return { draft, suggestions: [] };
  }
}

export async function createCampaignDraft(
  deps: AdsDeps,
  tenantId: string,
  asSent: CampaignDraft,
  actor: string,
) {
  const now = deps.clock.now();
  const connections = (await deps.connections.list(tenantId)).filter(
    (c) => c.status === 'active' || c.status === 'expiring',
  );
  const connection = connections.find((c) => c.selection.adAccounts.includes(asSent.adAccountId));
  const { draft, suggestions } = connection
    ? await withAccountDsa(deps, connection, asSent)
    : { draft: asSent, suggestions: [] };
  const assets = connection ? await deps.connections.assets(tenantId, connection.connectionId) : undefined;
  const currency = assets?.adAccounts.find((a) => a.id === draft.adAccountId)?.currency;
  const minimums = connection ? await accountMinimums(deps, tenantId, connection, draft.adAccountId) : null;
  const issues = validateCampaign(draft, now, currency, minimums).map((i) =>
    i.field === 'body.dsa.beneficiary' && suggestions.length > 0
      ? { ...i, message: `${i.message}; Meta suggests: ${suggestions.slice(0, 5).join(', ')}` }
      : i,
  );
  if (!connection)
    issues.push({
      field: 'body.adAccountId',
      message: `${draft.adAccountId} is not a selected ad account of an active connection`,
    });
  else if (!connection.selection.pages.includes(draft.creative.pageId))
    issues.push({
      field: 'body.creative.pageId',
      message: `${draft.creative.pageId} is not a selected Page of that connection`,
    });
  if (connection && draft.leadFormId) {
    const form = assets?.leadForms.find((f) => f.id === draft.leadFormId);
    if (!form || form.pageId !== draft.creative.pageId)
      issues.push({ field: 'body.leadFormId', message: 'must be a lead form of the creative Page' });
  }
  if (issues.length > 0 || !connection)
    throw invalid('The campaign cannot be sent to Meta as drafted', issues, 'invalid_campaign');
  const caps = (await deps.settings.get<{ caps: SpendCap[] }>(tenantId, SPEND_CAPS_KEY))?.caps ?? [];
  const others = caps.some((c) => c.adAccountId === draft.adAccountId)
    ? (await allCampaigns(deps, tenantId)).filter(
        (o) =>
          o.adAccountId === draft.adAccountId &&
          LIVE.includes(o.status) &&
          (!o.endTime || Date.parse(o.endTime) > now.getTime()),
      )
    : [];
  const decision = decideBySpendCaps(caps, draft, others);
  let c: CampaignRecord = {
    ...draft,
    tenantId,
    id: deps.ids.next('cmp'),
    connectionId: connection.connectionId,
    status: 'draft',
    meta: {},
    createdBy: actor,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  await deps.campaigns.put(c);
  await audit(deps, c, actor, 'campaign.create', decision.reason);
  if (decision.approved) c = await approve(deps, c, `rule:${decision.ruleId}`, decision.ruleId);
  return { ...campaignView(c), approvalReason: decision.reason, approvalFigures: decision.figures };
}

async function requireCampaign(deps: AdsDeps, tenantId: string, id: string) {
  const c = await deps.campaigns.get(tenantId, id);
  if (!c) throw notFound(`Campaign ${id}`);
  return c;
}

const conflict = (c: CampaignRecord, what: string) =>
  new DomainError('conflict', `The campaign is ${c.status}; ${what}`, `campaign_${c.status}`);

/** A draft, or a campaign whose creation failed (approving again resumes from what Meta already has). */
export async function approveCampaign(deps: AdsDeps, tenantId: string, id: string, actor: string) {
  const c = await requireCampaign(deps, tenantId, id);
  if (c.status !== 'draft' && c.status !== 'failed') throw conflict(c, 'only a draft can be approved');
  return campaignView(await approve(deps, c, actor));
}

export async function rejectCampaign(deps: AdsDeps, tenantId: string, id: string, actor: string) {
  const c = await requireCampaign(deps, tenantId, id);
  if (c.status !== 'draft') throw conflict(c, 'only a draft can be rejected');
  const after = await replace(deps, c, {
    ...c,
    status: 'rejected',
    updatedAt: deps.clock.now().toISOString(),
  });
  await audit(deps, after, actor, 'campaign.reject');
  return campaignView(after);
}

export async function updateCampaignDraft(
  deps: AdsDeps,
  tenantId: string,
  id: string,
  patch: Partial<CampaignDraft>,
  actor: string,
) {
  const c = await requireCampaign(deps, tenantId, id);
  // editable until Meta holds any part of it; never while the worker is sending it
  if (c.meta.campaignId || !['draft', 'approved', 'rejected', 'failed'].includes(c.status))
    throw new DomainError(
      'conflict',
      `The campaign is ${c.status}${c.meta.campaignId ? ' at Meta' : ''}; change it there through a new draft`,
      `campaign_${c.status}`,
    );
  const next = { ...c, ...patch };
  const issues = validateCampaign(next, deps.clock.now());
  if (issues.length > 0)
    throw invalid('The campaign cannot be sent to Meta as drafted', issues, 'invalid_campaign');
  // an edit needs a new approval: the old one covered other figures
  const { approval: _old, ...rest } = next;
  const after = await replace(deps, c, {
    ...rest,
    status: 'draft',
    error: undefined,
    updatedAt: deps.clock.now().toISOString(),
  });
  await audit(deps, after, actor, 'campaign.edit', c.approval ? 'approval_withdrawn' : undefined);
  return campaignView(after);
}

type Transition = 'launch' | 'pause' | 'resume';

/** Which transition a campaign in this state accepts; each is a person's explicit, audited step. */
export function transitionRefusal(c: CampaignRecord, t: Transition): string | null {
  if (!c.meta.adId || (c.status !== 'paused' && c.status !== 'active')) return 'not_created_at_meta';
  if (t === 'pause') return c.status === 'active' ? null : 'not_active';
  if (c.status !== 'paused') return 'already_active';
  if (t === 'launch' && c.launchedAt) return 'already_launched_use_resume';
  if (t === 'resume' && !c.launchedAt) return 'never_launched_use_launch';
  return null;
}

/** Launch, pause and resume: one status on campaign, ad set and ad, each step audited and announced. */
export async function setCampaignState(
  deps: AdsDeps,
  tenantId: string,
  id: string,
  transition: Transition,
  actor: string,
) {
  const c = await requireCampaign(deps, tenantId, id);
  const refusal = transitionRefusal(c, transition);
  if (refusal)
    throw new DomainError(
      'conflict',
      `The campaign is ${c.status}: it cannot ${transition} (${refusal})`,
      refusal,
    );
  if (!c.approval || c.approval.hash !== campaignHash(c))
    throw new DomainError(
      'conflict',
      'The campaign changed after approval',
      'content_changed_after_approval',
    );
  const target = transition === 'pause' ? 'PAUSED' : 'ACTIVE';
  const connection = await deps.connections.get(tenantId, c.connectionId);
  if (!connection) throw notFound(`Connection ${c.connectionId}`);
  if (!connection.userTokenCiphertext)
    throw new DomainError(
      'conflict',
      'The connection has no token; connect again',
      `connection_${connection.status}`,
    );
  const pacer = adAccountPacer(deps, {
    tenantId,
    connectionId: c.connectionId,
    adAccountId: c.adAccountId,
    bucket: 'ads_management',
  });
  // starting spend waits for the account's pause; stopping it never does
  if (target === 'ACTIVE') {
    const pace = await pacer.settle();
    if (!pace.go)
      throw new DomainError(
        'rate_limited',
        `Meta is limiting calls for this ad account; try again in ${Math.ceil(pace.waitMs / 1000)} s`,
        pace.reason,
      );
  }
  const token = await deps.vault.decrypt(connection.userTokenCiphertext, {
    tenantId,
    connectionId: c.connectionId,
  });
  try {
    // the ad and ad set first when pausing, the campaign first when launching: spend stops before, starts after
    const order =
      target === 'ACTIVE'
        ? [c.meta.campaignId!, c.meta.adsetId!, c.meta.adId!]
        : [c.meta.adId!, c.meta.adsetId!, c.meta.campaignId!];
    for (const objectId of order) await deps.graph.setAdObjectStatus(objectId, token, target, pacer.observe);
    await pacer.record();
  } catch (err) {
    await pacer.refused(err);
    throw await refusalFromGraph(deps, connection, err, actor);
  }
  const now = deps.clock.now();
  const after = await replace(deps, c, {
    ...c,
    status: target === 'ACTIVE' ? 'active' : 'paused',
    ...(transition === 'launch' ? { launchedAt: now.toISOString() } : {}),
    updatedAt: now.toISOString(),
  });
  await audit(deps, after, actor, `campaign.${transition}`);
  await deps.events.publish([
    campaignEvent(
      target === 'ACTIVE' ? 'campaign.launched' : 'campaign.paused',
      tenantId,
      deps.ids.next('evt'),
      now,
      {
        campaignId: c.id,
        metaCampaignId: c.meta.campaignId ?? null,
        adAccountId: c.adAccountId,
        ...(target === 'ACTIVE' ? { resumed: transition === 'resume' } : {}),
      },
    ),
  ]);
  return campaignView(after);
}

export async function listCampaigns(deps: AdsDeps, tenantId: string, page: PageRequest) {
  const out = await deps.campaigns.list(tenantId, page);
  return { items: out.items.map(campaignView), nextCursor: out.nextCursor };
}

export async function getCampaign(deps: AdsDeps, tenantId: string, id: string) {
  return campaignView(await requireCampaign(deps, tenantId, id));
}
