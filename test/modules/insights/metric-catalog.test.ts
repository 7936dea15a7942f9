/** Which counters are collected, which Meta removed (and what replaced them), and Meta's invalid-metric error. */
import { isInvalidMetricError, metricStatus } from '../../../lambdas/modules/insights/core/metric-catalog';

it.each([
  ['page_post_engagements', { status: 'collected', kinds: ['page'] }],
  ['reach', { status: 'collected', kinds: ['instagram', 'campaign'] }],
  ['spend', { status: 'collected', kinds: ['campaign'] }],
  [
    'page_impressions_unique',
    { status: 'removed', kind: 'page', removedOn: '2025-06-15', replacement: 'page_total_media_view_unique' },
  ],
  ['page_fans', { status: 'removed', kind: 'page', removedOn: '2025-11-15', replacement: 'page_follows' }],
  // the `*_unique` impressions went in June 2025; page_impressions itself only in the November 2025 wave
  [
    'page_impressions',
    { status: 'removed', kind: 'page', removedOn: '2025-11-15', replacement: 'page_media_view' },
  ],
  ['impressions', { status: 'removed', kind: 'instagram', removedOn: '2025-04-21', replacement: 'views' }],
  ['page_nonsense', { status: 'not_collected' }],
])('%s', (metric, expected) => {
  expect(metricStatus(metric)).toEqual(expected);
});

it("recognises Meta's invalid-metric error, not other (#100) errors", () => {
  expect(isInvalidMetricError(100, '(#100) The value must be a valid insights metric')).toBe(true);
  expect(isInvalidMetricError(100, '(#100) There cannot be more than 93 days between since and until')).toBe(
    false,
  );
  expect(isInvalidMetricError(190, 'metric')).toBe(false);
});
