/** Campaigns through approval with in-memory fakes: drafts checked, spend caps, launch and pause at Meta. */
import {
  SPEND_CAPS_KEY,
  approveCampaign,
  createCampaignDraft,
  setCampaignState,
  updateCampaignDraft,
} from '../../../lambdas/modules/ads/core/manage-campaigns';
import type { CampaignDraft } from '../../../lambdas/modules/ads/core/campaign';
import { CampaignCreateRequested } from '../../../lambdas/modules/ads/contracts';
import { MetaGraphError } from '../../../lambdas/platform/core/graph/graph-error';
import { AD_ACCOUNT, FORM, PAGE, activeConnection, adsFakes } from './fakes';

const NOW = new Date('2026-11-20T10:00:00Z');
const DAY = 86_400_000;
const draft = (over: Partial<CampaignDraft> = {}): CampaignDraft => ({
  adAccountId: AD_ACCOUNT,
  name: 'Winter open day',
  objective: 'OUTCOME_LEADS',
  dailyBudget: 4500,
  startTime: new Date(NOW.getTime() + 60_000).toISOString(),
  endTime: new Date(NOW.getTime() + 7 * DAY + 60_000).toISOString(),
  specialAdCategories: [],
  targeting: { countries: ['PT'], ageMin: 25, ageMax: 55 },
  creative: { pageId: PAGE, message: 'Book your visit' },
  leadFormId: FORM,
  ...over,
});

function setup() {
  const f = adsFakes({ now: NOW });
  f.connections.add(activeConnection(), {
    adAccounts: [{ id: AD_ACCOUNT, currency: 'EUR' }],
    leadForms: [{ id: FORM, pageId: PAGE }],
  });
  f.graph.minimums = { currency: 'EUR', impressions: 100, highFrequency: 500, lowFrequency: 4000 };
  return f;
}

describe('createCampaignDraft', () => {
  it('an EU draft without DSA parties takes the ad account’s defaults at Meta; no cap, so a person approves', async () => {
    const f = setup();
    f.graph.dsa = { beneficiary: 'Demo Bakery Lda', payor: null, recommendations: [] };
    const c = await createCampaignDraft(f.deps, 't1', draft(), 'user:ana');
    expect(c).toMatchObject({
      status: 'draft',
      approvalReason: 'no_spend_cap_for_account',
      dsa: { beneficiary: 'Demo Bakery Lda', payor: 'Demo Bakery Lda' },
    });
    expect(f.graph.calls.map((x) => [x.method, x.args[1]])).toEqual([
      ['adAccountDsa', 'token(ct:user)'],
      ['adAccountMinimums', 'token(ct:user)'],
    ]);
    expect(f.audit.map((a) => [a.action, a.reason])).toEqual([
      ['campaign.create', 'no_spend_cap_for_account'],
    ]);
    expect(f.commands).toEqual([]);
  });

  it('refuses what Meta would refuse, naming each field, and offers Meta’s DSA suggestions', async () => {
    const f = setup();
    f.graph.dsa = { beneficiary: null, payor: null, recommendations: ['Demo Bakery Lda'] };
    await expect(
      createCampaignDraft(f.deps, 't1', draft({ dailyBudget: 3999, leadFormId: '999' }), 'user:ana'),
    ).rejects.toMatchObject({
      kind: 'validation',
      reason: 'invalid_campaign',
      issues: expect.arrayContaining([
        expect.objectContaining({ field: 'body.dailyBudget' }),
        { field: 'body.leadFormId', message: 'must be a lead form of the creative Page' },
        expect.objectContaining({
          field: 'body.dsa.beneficiary',
          message: expect.stringContaining('Meta suggests: Demo Bakery Lda'),
        }),
      ]),
    });
    expect(f.campaigns.campaigns.size).toBe(0);
  });

  it('an ad account no active connection selected is refused', async () => {
    const f = setup();
    await expect(
      createCampaignDraft(
        f.deps,
        't1',
        draft({ adAccountId: 'act_999', dsa: { beneficiary: 'X' } }),
        'user:ana',
      ),
    ).rejects.toMatchObject({
      issues: expect.arrayContaining([
        {
          field: 'body.adAccountId',
          message: 'act_999 is not a selected ad account of an active connection',
        },
      ]),
    });
  });

  it('within the tenant’s spend caps it is approved at once, with the figures, and queued for the worker', async () => {
    const f = setup();
    f.settings.set(`t1|${SPEND_CAPS_KEY}`, {
      caps: [{ adAccountId: AD_ACCOUNT, dailyCap: 5000, lifetimeCap: 100_000 }],
    });
    const c = await createCampaignDraft(f.deps, 't1', draft({ dsa: { beneficiary: 'Bakery' } }), 'user:ana');
    expect(c).toMatchObject({
      status: 'approved',
      approvalReason: 'within_spend_caps',
      approvalFigures: { dailyCap: 5000, draftDaily: 4500, committedDaily: 0 },
    });
    expect(f.metrics.total('approvals', { Subject: 'campaign', By: 'rule' })).toBe(1);
    expect(f.commands).toEqual([
      { detailType: CampaignCreateRequested.detailType, detail: { tenantId: 't1', campaignId: c.id } },
    ]);
    // a second one would take the account over its daily cap: left to a person
    const second = await createCampaignDraft(
      f.deps,
      't1',
      draft({ name: 'Second', dsa: { beneficiary: 'Bakery' } }),
      'user:ana',
    );
    expect(second).toMatchObject({ status: 'draft', approvalReason: expect.stringMatching(/cap/) });
  });
});

describe('approving, editing, launching', () => {
  async function createdAtMeta(f: ReturnType<typeof setup>) {
    const c = await createCampaignDraft(f.deps, 't1', draft({ dsa: { beneficiary: 'Bakery' } }), 'user:ana');
    await approveCampaign(f.deps, 't1', c.id, 'user:boss');
    const stored = (await f.campaigns.get('t1', c.id))!;
    await f.campaigns.putIf(
      {
        ...stored,
        status: 'paused',
        meta: { campaignId: 'cg', adsetId: 'as', creativeId: 'cr', adId: 'ad' },
      },
      stored.rev,
    );
    return c.id;
  }

  it('an edit withdraws the approval; one made after Meta holds the campaign is refused', async () => {
    const f = setup();
    const c = await createCampaignDraft(f.deps, 't1', draft({ dsa: { beneficiary: 'Bakery' } }), 'user:ana');
    await approveCampaign(f.deps, 't1', c.id, 'user:boss');
    const edited = await updateCampaignDraft(f.deps, 't1', c.id, { dailyBudget: 5000 }, 'user:ana');
    expect(edited).toMatchObject({ status: 'draft', approval: null, dailyBudget: 5000 });
    expect(f.audit.at(-1)).toMatchObject({ action: 'campaign.edit', reason: 'approval_withdrawn' });

    const id = await createdAtMeta(f);
    await expect(
      updateCampaignDraft(f.deps, 't1', id, { dailyBudget: 5000 }, 'user:ana'),
    ).rejects.toMatchObject({
      kind: 'conflict',
      reason: 'campaign_paused',
    });
  });

  it('launch sets campaign, ad set and ad ACTIVE in that order, is audited and announced', async () => {
    const f = setup();
    const id = await createdAtMeta(f);
    const out = await setCampaignState(f.deps, 't1', id, 'launch', 'user:boss');
    expect(out).toMatchObject({ status: 'active', launchedAt: NOW.toISOString() });
    expect(f.graph.calls.filter((c) => c.method === 'setAdObjectStatus').map((c) => c.args[0])).toEqual([
      'cg',
      'as',
      'ad',
    ]);
    expect(f.events.map((e) => [e.type, e.detail.resumed])).toEqual([['campaign.launched', false]]);
    expect(f.audit.at(-1)).toMatchObject({ action: 'campaign.launch', actor: 'user:boss' });

    await setCampaignState(f.deps, 't1', id, 'pause', 'user:boss');
    expect(
      f.graph.calls
        .filter((c) => c.method === 'setAdObjectStatus')
        .slice(3)
        .map((c) => c.args[0]),
    ).toEqual(['ad', 'as', 'cg']);
    await expect(setCampaignState(f.deps, 't1', id, 'launch', 'user:boss')).rejects.toMatchObject({
      reason: 'already_launched_use_resume',
    });
  });

  it('an ad account Meta asked to wait refuses a launch with the wait, and never calls Meta', async () => {
    const f = setup();
    const id = await createdAtMeta(f);
    await f.paces.put('t1', 'c1', AD_ACCOUNT, 'ads_management', {
      until: new Date(NOW.getTime() + 600_000).toISOString(),
      reason: 'meta_asked_to_wait',
      percent: 100,
      at: NOW.toISOString(),
    });
    await expect(setCampaignState(f.deps, 't1', id, 'launch', 'user:boss')).rejects.toMatchObject({
      kind: 'rate_limited',
      reason: 'meta_asked_to_wait',
    });
    expect(f.graph.calls.filter((c) => c.method === 'setAdObjectStatus')).toEqual([]);
    expect(f.metrics.total('graphRateLimitWaits', { Scope: 'ad_account' })).toBe(1);
  });

  it('a token Meta refuses expires the connection and answers that the person must reconnect', async () => {
    const f = setup();
    const id = await createdAtMeta(f);
    f.graph.failures.set(
      'setAdObjectStatus',
      new MetaGraphError(400, { message: 'Session expired', code: 190, errorSubcode: 463 }),
    );
    await expect(setCampaignState(f.deps, 't1', id, 'launch', 'user:boss')).rejects.toMatchObject({
      kind: 'conflict',
      reason: 'connection_expired_token_expired',
    });
    expect(f.connections.markedInvalid).toEqual([
      { connectionId: 'c1', reason: 'token_expired', actor: 'user:boss' },
    ]);
    expect((await f.campaigns.get('t1', id))!.status).toBe('paused');
  });
});
