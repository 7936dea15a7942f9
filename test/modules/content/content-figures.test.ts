/**
 * A post's figures as Meta served them: a metric Meta had no value for is null, never 0; a post nobody
 * shared has 0 shares (Meta leaves the field out); reactions by type leave out the types nobody used.
 */
import { figuresOf } from '../../../lambdas/modules/content/core/content-records';
import { metricsView } from '../../../lambdas/modules/content/core/content-metrics';
import type { GraphContentItem } from '../../../lambdas/modules/content/ports';

const item = (over: Partial<GraphContentItem>): GraphContentItem => ({
  metaId: '1_2',
  publishedAt: new Date('2026-06-01T10:00:00Z'),
  statusType: 'added_photos',
  productType: null,
  mediaType: null,
  permalink: null,
  text: null,
  mediaUrl: null,
  edges: {},
  insights: {},
  ...over,
});

it('maps Meta figures to the kept metrics, with null for what Meta has not got', () => {
  expect(
    figuresOf(
      'facebook',
      item({
        edges: { reactions: 12, comments: 3 },
        insights: { post_media_view: 400, post_reactions_by_type_total: { like: 10, love: 2 } },
      }),
    ),
  ).toEqual({
    views: 400,
    reach: null,
    clicks: null,
    reactions: 12,
    reactions_like: 10,
    reactions_love: 2,
    reactions_wow: 0,
    reactions_haha: 0,
    reactions_sorry: 0,
    reactions_anger: 0,
    comments: 3,
    shares: 0,
  });
  // no insights answer at all: every insights figure unknown, not zero
  expect(figuresOf('instagram', item({ insights: {} }))).toEqual({
    views: null,
    reach: null,
    likes: null,
    comments: null,
    shares: null,
    saves: null,
    total_interactions: null,
  });
  expect(figuresOf('instagram', item({ insights: { saved: 4, views: 90 } }))).toMatchObject({
    saves: 4,
    views: 90,
  });
});

it('a metric Meta no longer serves for the asset is unavailable, whatever value was stored', () => {
  const view = metricsView('facebook', { clicks: 7, views: 10 }, new Set(['post_clicks']));
  expect(view.clicks).toEqual({ value: null, available: false, reason: 'metric_not_served_by_meta' });
  expect(view.views).toEqual({ value: 10, available: true });
  expect(view.post_impressions_unique).toMatchObject({
    available: false,
    removedOn: '2025-06-15',
    replacement: 'reach',
  });
});
