/**
 * How often a post's figures are read: the whole retention period on an asset's first run, then the
 * young posts every run, the settling ones weekly and the mature ones monthly — each window with why.
 */
import { afterRead, windowsDue } from '../../../lambdas/modules/content/core/refresh-cadence';
import type { ContentAssetState } from '../../../lambdas/modules/content/ports';

const NOW = new Date('2026-06-30T04:00:00Z');
const DAY = 86_400_000;
const s = (ms: number) => Math.floor(ms / 1000);
const ago = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();
const base: ContentAssetState = { tenantId: 't', connectionId: 'c', assetId: '1', platform: 'facebook' };

it('reads the whole retention period on the first run', () => {
  expect(windowsDue(undefined, NOW, 395)).toEqual([
    {
      band: 'first_sync',
      since: s(NOW.getTime() - 395 * DAY),
      until: s(NOW.getTime()) + 1,
      reason: 'first_sync_of_the_retention_period',
    },
  ]);
});

it('then young posts every run, settling ones weekly, mature ones monthly', () => {
  const synced = afterRead(base, ['first_sync'], new Date(ago(1)));
  expect(windowsDue(synced, NOW, 395).map((w) => w.reason)).toEqual(['young_posts_read_every_run']);
  const week = { ...synced, settlingReadAt: ago(7) };
  expect(windowsDue(week, NOW, 395).map((w) => [w.band, w.since, w.until])).toEqual([
    ['young', s(NOW.getTime() - 28 * DAY), s(NOW.getTime()) + 1],
    ['settling', s(NOW.getTime() - 90 * DAY), s(NOW.getTime() - 28 * DAY)],
  ]);
  // a daily schedule a few minutes early still counts as a week
  expect(
    windowsDue(
      { ...synced, settlingReadAt: new Date(NOW.getTime() - 7 * DAY + 600_000).toISOString() },
      NOW,
      395,
    ),
  ).toHaveLength(2);
  const month = { ...synced, settlingReadAt: ago(2), matureReadAt: ago(30) };
  expect(windowsDue(month, NOW, 395).map((w) => [w.band, w.reason])).toEqual([
    ['young', 'young_posts_read_every_run'],
    ['mature', 'mature_posts_read_monthly'],
  ]);
});

it('a short retention leaves no window beyond it', () => {
  const synced = afterRead(base, ['first_sync'], new Date(ago(40)));
  expect(windowsDue(synced, NOW, 20).map((w) => [w.band, w.since])).toEqual([
    ['young', s(NOW.getTime() - 20 * DAY)],
  ]);
  expect(windowsDue(synced, NOW, 30).map((w) => [w.band, w.since])).toEqual([
    ['young', s(NOW.getTime() - 28 * DAY)],
    ['settling', s(NOW.getTime() - 30 * DAY)],
  ]);
  expect(windowsDue(synced, NOW, 60).map((w) => [w.band, w.since])).toEqual([
    ['young', s(NOW.getTime() - 28 * DAY)],
    ['settling', s(NOW.getTime() - 60 * DAY)],
  ]);
});

it('only the windows read to their end move forward', () => {
  const after = afterRead(
    { ...base, firstSyncAt: ago(9), youngReadAt: ago(1), settlingReadAt: ago(9) },
    ['young'],
    NOW,
  );
  expect(after).toMatchObject({ youngReadAt: NOW.toISOString(), settlingReadAt: ago(9) });
});
