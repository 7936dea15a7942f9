/**
 * Campaigns through approval. Nothing reaches Meta (or spends) until a person or a spend-cap rule
 * approves exactly what will be sent; the worker then creates everything PAUSED; launching, pausing and
 * resuming are separate, audited steps.
 */
import { DomainError, invalid, notFound } from '../errors';
import type {
  AuditLog,
  CampaignRepository,
  Clock,
  ConnectionRepository,
  EventPublisher,
  IdGenerator,
  PageRequest,
  SettingsRepository,
  TokenVault,
} from '../ports';
import type { MetaGraph } from '../meta/meta-graph';
import type { CommandPublisher } from '../leads/manage-leads';
import { domainEvent } from '../events/domain-event';
import { failFromGraph, requireConnection } from '../connections/manage-connections';
import {
  campaignHash,
  campaignView,
  decideBySpendCaps,
  validateCampaign,
  type CampaignDraft,
  type CampaignRecord,
  type SpendCap,
} from './campaign';

export const SPEND_CAPS_KEY = 'spend-caps';

export interface AdsDeps {
  clock: Clock;
  ids: IdGenerator;
  vault: TokenVault;
  events: EventPublisher;
  audit: AuditLog;
  connections: ConnectionRepository;
  campaigns: CampaignRepository;
  settings: SettingsRepository;
  graph: MetaGraph;
  commands: CommandPublisher;
  createDetailType: string;
}

async function audit(deps: AdsDeps, c: CampaignRecord, actor: string, action: string, reason?: string) {
  await deps.audit.record({
    tenantId: c.tenantId,
    id: deps.ids.next('aud'),
    at: deps.clock.now().toISOString(),
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

async function approve(deps: AdsDeps, c: CampaignRecord, by: string, ruleId?: string) {
  const now = deps.clock.now().toISOString();
  const approved: CampaignRecord = {
    ...c,
    status: 'approved',
    approval: { hash: campaignHash(c), by, at: now, ...(ruleId ? { ruleId } : {}) },
    updatedAt: now,
  };
  await deps.campaigns.put(approved);
  await audit(deps, approved, by, 'campaign.approve', ruleId ? `rule:${ruleId}` : 'person');
  await deps.commands.send(deps.createDetailType, { tenantId: c.tenantId, campaignId: c.id });
  return approved;
}

export async function createCampaignDraft(
  deps: AdsDeps,
  tenantId: string,
  draft: CampaignDraft,
  actor: string,
) {
  const now = deps.clock.now();
  const connections = (await deps.connections.list(tenantId, { limit: 200 })).items.filter(
    (c) => c.status === 'active' || c.status === 'expiring',
  );
  const connection = connections.find((c) => c.selection.adAccounts.includes(draft.adAccountId));
  const currency = connection
    ? (await deps.connections.getAssets(tenantId, connection.connectionId))?.adAccounts.find(
        (a) => a.id === draft.adAccountId,
      )?.currency
    : null;
  const issues = validateCampaign(draft, now, currency);
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
  if (issues.length > 0 || !connection)
    throw invalid('The campaign cannot be sent to Meta as drafted', issues, 'invalid_campaign');
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
  await audit(deps, c, actor, 'campaign.create');
  const caps = (await deps.settings.get<{ caps: SpendCap[] }>(tenantId, SPEND_CAPS_KEY))?.caps ?? [];
  const decision = decideBySpendCaps(caps, draft);
  if (decision.approved) c = await approve(deps, c, `rule:${decision.ruleId}`, decision.ruleId);
  return { ...campaignView(c), approvalReason: decision.reason };
}

async function requireCampaign(deps: AdsDeps, tenantId: string, id: string) {
  const c = await deps.campaigns.get(tenantId, id);
  if (!c) throw notFound(`Campaign ${id}`);
  return c;
}

export async function approveCampaign(deps: AdsDeps, tenantId: string, id: string, actor: string) {
  const c = await requireCampaign(deps, tenantId, id);
  if (c.status !== 'draft')
    throw new DomainError('conflict', `The campaign is ${c.status}`, `campaign_${c.status}`);
  return campaignView(await approve(deps, c, actor));
}

export async function rejectCampaign(deps: AdsDeps, tenantId: string, id: string, actor: string) {
  const c = await requireCampaign(deps, tenantId, id);
  if (c.status !== 'draft')
    throw new DomainError('conflict', `The campaign is ${c.status}`, `campaign_${c.status}`);
  const after: CampaignRecord = { ...c, status: 'rejected', updatedAt: deps.clock.now().toISOString() };
  await deps.campaigns.put(after);
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
  // editable until Meta holds any part of it
  if (c.meta.campaignId || !['draft', 'approved', 'rejected', 'creating', 'failed'].includes(c.status))
    throw new DomainError(
      'conflict',
      `The campaign is ${c.status} at Meta; change it there through a new draft`,
      `campaign_${c.status}`,
    );
  const next = { ...c, ...patch };
  const issues = validateCampaign(next, deps.clock.now());
  if (issues.length > 0)
    throw invalid('The campaign cannot be sent to Meta as drafted', issues, 'invalid_campaign');
  // an edit needs a new approval: the old one covered other figures
  const { approval: _old, ...rest } = next;
  const after: CampaignRecord = { ...rest, status: 'draft', updatedAt: deps.clock.now().toISOString() };
  await deps.campaigns.put(after);
  await audit(deps, after, actor, 'campaign.edit', c.approval ? 'approval_withdrawn' : undefined);
  return campaignView(after);
}

/** Launch, pause and resume: one status on campaign, ad set and ad, each step audited and announced. */
export async function setCampaignState(
  deps: AdsDeps,
  tenantId: string,
  id: string,
  target: 'ACTIVE' | 'PAUSED',
  actor: string,
) {
  const c = await requireCampaign(deps, tenantId, id);
  if (!c.meta.adId || (c.status !== 'paused' && c.status !== 'active')) {
    throw new DomainError(
      'conflict',
      `The campaign is ${c.status}; it must be created at Meta first`,
      `campaign_${c.status}`,
    );
  }
  if (!c.approval || c.approval.hash !== campaignHash(c))
    throw new DomainError(
      'conflict',
      'The campaign changed after approval',
      'content_changed_after_approval',
    );
  const connection = await requireConnection(deps, tenantId, c.connectionId);
  if (!connection.userTokenCiphertext)
    throw new DomainError(
      'conflict',
      'The connection has no token; connect again',
      `connection_${connection.status}`,
    );
  const token = await deps.vault.decrypt(connection.userTokenCiphertext, {
    tenantId,
    connectionId: c.connectionId,
  });
  try {
    // the ad and ad set first when pausing, the campaign first when launching: spend stops before, starts after
    const order =
      target === 'ACTIVE'
        ? [c.meta.campaignId!, c.meta.adsetId!, c.meta.adId]
        : [c.meta.adId, c.meta.adsetId!, c.meta.campaignId!];
    for (const objectId of order) await deps.graph.setAdObjectStatus(objectId, token, target);
  } catch (err) {
    return failFromGraph(deps, connection, err, actor);
  }
  const now = deps.clock.now();
  const after: CampaignRecord = {
    ...c,
    status: target === 'ACTIVE' ? 'active' : 'paused',
    updatedAt: now.toISOString(),
  };
  await deps.campaigns.put(after);
  await audit(deps, after, actor, target === 'ACTIVE' ? 'campaign.launch' : 'campaign.pause');
  await deps.events.publish([
    domainEvent(
      target === 'ACTIVE' ? 'campaign.launched' : 'campaign.paused',
      tenantId,
      deps.ids.next('evt'),
      now,
      {
        campaignId: c.id,
        metaCampaignId: c.meta.campaignId ?? null,
        adAccountId: c.adAccountId,
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
