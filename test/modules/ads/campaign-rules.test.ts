/** Campaign drafts against Meta's rules, the approval hash, account-wide spend caps and state transitions. */
import {
  campaignHash,
  decideBySpendCaps,
  validateCampaign,
  type CampaignDraft,
  type CampaignRecord,
} from '../../../lambdas/modules/ads/core/campaign';
import { transitionRefusal } from '../../../lambdas/modules/ads/core/manage-campaigns';

const now = new Date('2026-11-25T10:00:00Z');
const day = 86_400_000;
const draft = (over: Partial<CampaignDraft> = {}): CampaignDraft => ({
  adAccountId: 'act_1',
  name: 'Spring',
  objective: 'OUTCOME_LEADS',
  dailyBudget: 4500,
  startTime: new Date(now.getTime() + 60_000).toISOString(),
  endTime: new Date(now.getTime() + 7 * day + 60_000).toISOString(),
  specialAdCategories: [],
  targeting: { countries: ['PT'], ageMin: 25, ageMax: 55 },
  dsa: { beneficiary: 'Bakery Lda' },
  creative: { pageId: '111', message: 'Hello' },
  leadFormId: '222',
  ...over,
});
const fields = (d: CampaignDraft, minimums?: Parameters<typeof validateCampaign>[3]) =>
  validateCampaign(d, now, 'EUR', minimums).map((i) => i.field);
const EUR = { currency: 'EUR', impressions: 100, highFrequency: 500, lowFrequency: 4000 };

describe('validation mirrors Meta', () => {
  it('accepts a sound lead draft', () => {
    expect(fields(draft(), EUR)).toEqual([]);
  });

  it.each([
    [
      'a lead ad set below the conversion (low-frequency) floor',
      draft({ dailyBudget: 3999 }),
      'body.dailyBudget',
    ],
    ['a lead objective without a form', draft({ leadFormId: undefined }), 'body.leadFormId'],
    ['a form on a non-lead campaign', draft({ objective: 'OUTCOME_AWARENESS' }), 'body.leadFormId'],
    [
      'a lead ad from an existing post',
      draft({ creative: { pageId: '111', postId: '111_9' } }),
      'body.creative.postId',
    ],
    [
      'a post of another Page',
      draft({
        objective: 'OUTCOME_ENGAGEMENT',
        leadFormId: undefined,
        creative: { pageId: '111', postId: '999_9' },
      }),
      'body.creative.postId',
    ],
    [
      'a start in the past',
      draft({ startTime: new Date(now.getTime() - day).toISOString() }),
      'body.startTime',
    ],
    [
      'an end within a day of the start',
      draft({ endTime: new Date(now.getTime() + 3_600_000).toISOString() }),
      'body.endTime',
    ],
    [
      'age targeting with a special ad category',
      draft({ specialAdCategories: ['HOUSING'] }),
      'body.targeting',
    ],
    [
      'traffic without a link',
      draft({ objective: 'OUTCOME_TRAFFIC', leadFormId: undefined }),
      'body.creative.link',
    ],
    ['a goal the objective does not take', draft({ optimizationGoal: 'REACH' }), 'body.optimizationGoal'],
    [
      'a low-frequency goal under its floor',
      draft({ optimizationGoal: 'QUALITY_LEAD', dailyBudget: 3000 }),
      'body.dailyBudget',
    ],
    [
      'a retired special ad category',
      draft({ specialAdCategories: ['CREDIT'] }),
      'body.specialAdCategories.0',
    ],
    ['an EU audience without a beneficiary', draft({ dsa: undefined }), 'body.dsa.beneficiary'],
  ])('refuses %s', (_name, d, field) => {
    expect(fields(d, EUR)).toContain(field);
  });

  it("holds each goal to Meta's floor for its kind of event, in the account currency", () => {
    // awareness optimizes for reach: the impressions floor
    expect(
      fields(draft({ objective: 'OUTCOME_AWARENESS', leadFormId: undefined, dailyBudget: 100 }), EUR),
    ).toEqual([]);
    // leads are conversions: Meta's low-frequency floor (min_daily_budget_low_freq)
    expect(validateCampaign(draft({ dailyBudget: 3999 }), now, 'EUR', EUR)[0]?.message).toBe(
      'at least 4000 in minor units of EUR for LEAD_GENERATION',
    );
    // link clicks are a frequent action: the high-frequency floor
    expect(
      fields(
        draft({
          objective: 'OUTCOME_TRAFFIC',
          leadFormId: undefined,
          dailyBudget: 500,
          creative: { pageId: '111', message: 'Hi', link: 'https://example.com' },
        }),
        EUR,
      ),
    ).toEqual([]);
    // without Meta's answer, a fallback floor by currency still applies
    expect(fields(draft({ dailyBudget: 50 }))).toContain('body.dailyBudget');
  });
});

describe('the approval hash', () => {
  it('covers everything sent, budget included', () => {
    const base = campaignHash(draft());
    expect(campaignHash(draft({ dailyBudget: 2001 }))).not.toBe(base);
    expect(campaignHash(draft({ targeting: { countries: ['ES'], ageMin: 25, ageMax: 55 } }))).not.toBe(base);
    expect(campaignHash(draft({ creative: { pageId: '111', message: 'Hello!' } }))).not.toBe(base);
    // Advantage+ audience turns the age range into a suggestion: approving one is not approving the other
    expect(campaignHash(draft({ advantageAudience: true }))).not.toBe(base);
    expect(campaignHash(draft({ advantageAudience: false }))).toBe(base);
    expect(campaignHash(draft({ dsa: { beneficiary: 'Other Lda' } }))).not.toBe(base);
  });

  it('does not depend on the order stored objects come back in', () => {
    const d = draft();
    const reordered = {
      ...d,
      targeting: { ageMax: 55, ageMin: 25, countries: ['PT'] },
      creative: { message: 'Hello', pageId: '111' },
    } as CampaignDraft;
    expect(campaignHash(reordered)).toBe(campaignHash(d));
  });
});

describe('spend caps cover the whole ad account', () => {
  const caps = [{ adAccountId: 'act_1', dailyCap: 6000, lifetimeCap: 40_000 }];
  const week = draft({ dailyBudget: 2000 });

  it.each([
    ['no cap for the account', [], draft(), [], 'no_spend_cap_for_account'],
    [
      'within both caps, with what is already live',
      caps,
      draft({ dailyBudget: 3000 }),
      [week],
      'within_spend_caps',
    ],
    [
      'over the daily cap only together with the live campaigns',
      caps,
      draft({ dailyBudget: 4500 }),
      [week],
      'over_daily_cap',
    ],
    [
      'no end date',
      caps,
      draft({ dailyBudget: 1000, endTime: undefined }),
      [],
      'no_end_date_lifetime_unbounded',
    ],
    [
      'an open-ended live campaign',
      caps,
      draft({ dailyBudget: 1000 }),
      [draft({ endTime: undefined })],
      'account_has_open_ended_campaign',
    ],
    [
      'over the lifetime cap',
      caps,
      draft({ dailyBudget: 3000 }),
      [draft({ dailyBudget: 3000 })],
      'over_lifetime_cap',
    ],
    [
      "another account's campaigns do not count",
      caps,
      draft({ dailyBudget: 3000 }),
      [draft({ adAccountId: 'act_2', dailyBudget: 6000 })],
      'within_spend_caps',
    ],
  ])('%s', (_name, c, d, others, reason) => {
    expect(decideBySpendCaps(c, d, others).reason).toBe(reason);
  });

  it('gives the figures behind the decision', () => {
    expect(decideBySpendCaps(caps, draft({ dailyBudget: 4500 }), [week]).figures).toEqual({
      dailyCap: 6000,
      lifetimeCap: 40_000,
      committedDaily: 2000,
      draftDaily: 4500,
      committedLifetime: 14_000,
      draftLifetime: 31_500,
    });
  });
});

describe('launch, pause and resume are explicit transitions', () => {
  const rec = (over: Partial<CampaignRecord>): CampaignRecord =>
    ({
      ...draft(),
      tenantId: 't',
      id: 'cmp_1',
      connectionId: 'c',
      meta: { adId: '1' },
      createdBy: 'u',
      createdAt: '',
      updatedAt: '',
      ...over,
    }) as CampaignRecord;
  it.each([
    [rec({ status: 'creating', meta: {} }), 'launch', 'not_created_at_meta'],
    [rec({ status: 'paused' }), 'launch', null],
    [rec({ status: 'paused' }), 'resume', 'never_launched_use_launch'],
    [rec({ status: 'paused', launchedAt: 'x' }), 'launch', 'already_launched_use_resume'],
    [rec({ status: 'paused', launchedAt: 'x' }), 'resume', null],
    [rec({ status: 'active', launchedAt: 'x' }), 'launch', 'already_active'],
    [rec({ status: 'active', launchedAt: 'x' }), 'pause', null],
    [rec({ status: 'paused', launchedAt: 'x' }), 'pause', 'not_active'],
  ] as const)('%#: %s', (c, t, reason) => {
    expect(transitionRefusal(c, t)).toBe(reason);
  });
});
