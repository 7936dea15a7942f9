import { judgeWeeks } from '../../../lambdas/modules/insights/core/recommendations';

describe('campaign recommendations', () => {
  const w = (spend: number, leads: number) => ({
    spend,
    leads,
    costPerLead: leads > 0 ? spend / leads : null,
  });
  it.each([
    [w(100, 10), w(100, 10), null],
    [w(200, 10), w(100, 10), 'cost_per_lead_doubled'],
    [w(190, 10), w(100, 10), null],
    [w(50, 0), w(100, 10), 'spend_without_leads'],
    [w(0, 0), w(100, 10), null],
  ])('this week %j, last week %j → %s', (thisWeek, lastWeek, expected) => {
    expect(judgeWeeks(thisWeek, lastWeek)).toBe(expected);
  });
});
