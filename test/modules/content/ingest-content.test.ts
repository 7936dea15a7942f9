/** The content worker's use cases with in-memory fakes: a Page's own posts from `feed`, and calendar links. */
import { contentIdFor } from '../../../lambdas/modules/content/core/content-model';
import { ingestFeedPost, linkPublished } from '../../../lambdas/modules/content/core/ingest-content';
import { activeConnection, contentFakes, PAGE } from './fakes';

const POST = `${PAGE}_122131676912594941`;
const feed = (over: Record<string, unknown> = {}) => ({
  item: 'status',
  verb: 'add',
  from: { id: PAGE, name: 'Bakery' },
  post_id: POST,
  message: 'Fresh bread at 7',
  created_time: Math.floor(Date.parse('2026-11-20T09:00:00Z') / 1000),
  published: 1,
  ...over,
});

it('stores the Page’s new post for every tenant that reads its figures, and an edit updates its text', async () => {
  const f = contentFakes();
  f.connections.add(activeConnection(), { pages: [PAGE] });
  f.connections.add(activeConnection({ tenantId: 't2', connectionId: 'c2', features: ['inbox'] }), {
    pages: [PAGE],
  });
  const receivedAt = f.now;
  expect(await ingestFeedPost(f.deps, { pageId: PAGE, value: feed(), receivedAt })).toEqual({
    ignored: null,
    tenants: [
      { tenantId: 't1', outcome: 'stored', reason: 'new_post_from_webhook' },
      { tenantId: 't2', outcome: 'skipped', reason: 'insights_not_enabled' },
    ],
  });
  const id = contentIdFor('facebook', POST);
  expect(f.content.items.get(`t1|${id}`)).toMatchObject({
    type: 'status',
    text: 'Fresh bread at 7',
    metricsAt: null,
  });

  const edit = await ingestFeedPost(f.deps, {
    pageId: PAGE,
    value: feed({ verb: 'edited', message: 'Bread at 8' }),
    receivedAt,
  });
  expect(edit.tenants[0]).toEqual({ tenantId: 't1', outcome: 'updated', reason: 'post_edited' });
  expect(f.content.items.get(`t1|${id}`)?.text).toBe('Bread at 8');

  const removed = await ingestFeedPost(f.deps, { pageId: PAGE, value: feed({ verb: 'remove' }), receivedAt });
  expect(removed.tenants[0]).toEqual({ tenantId: 't1', outcome: 'removed', reason: 'post_removed_at_meta' });
  expect(f.content.items.has(`t1|${id}`)).toBe(false);
});

it.each([
  ['not_a_post_of_the_page', feed({ from: { id: '9', name: 'Visitor' } })],
  ['feed_item_comment_is_not_content', feed({ item: 'comment' })],
  ['post_not_published_yet', feed({ published: 0 })],
  ['post_without_id', feed({ post_id: undefined })],
  ['feed_value_invalid', { verb: 'add' }],
])('ignores what is not the Page’s published content: %s', async (reason, value) => {
  const f = contentFakes();
  f.connections.add(activeConnection(), { pages: [PAGE] });
  expect(await ingestFeedPost(f.deps, { pageId: PAGE, value, receivedAt: f.now })).toEqual({
    ignored: reason,
    tenants: [],
  });
  expect(f.content.items.size).toBe(0);
});

it('a post older than the tenant’s content retention is not kept', async () => {
  const f = contentFakes();
  f.connections.add(activeConnection(), { pages: [PAGE] });
  const old = feed({ created_time: Math.floor(Date.parse('2018-01-01T00:00:00Z') / 1000) });
  const out = await ingestFeedPost(f.deps, { pageId: PAGE, value: old, receivedAt: f.now });
  expect(out.tenants).toEqual([
    { tenantId: 't1', outcome: 'skipped', reason: 'older_than_content_retention' },
  ]);
});

describe('linking a published calendar post to its content', () => {
  const published = {
    tenantId: 't1',
    postId: 'post_1',
    target: `facebook_page:${PAGE}`,
    metaId: POST,
    permalink: null,
  };
  const calendarPost = {
    id: 'post_1',
    message: 'Open day on Saturday',
    media: [{ type: 'image' as const, url: 'https://cdn.example/open-day.jpg' }],
    targetStates: {
      [`facebook_page:${PAGE}`]: { connectionId: 'c1', publishedAt: '2026-11-20T09:30:00.000Z' },
    },
  };

  it('stores the content from the calendar before the sync finds it, and links the two', async () => {
    const f = contentFakes();
    f.connections.add(activeConnection(), { pages: [PAGE] });
    f.calendar.posts.set('t1|post_1', calendarPost);
    const out = await linkPublished(f.deps, published);
    const id = contentIdFor('facebook', POST);
    expect(out).toMatchObject({ outcome: 'linked', contentId: id });
    expect(f.content.items.get(`t1|${id}`)).toMatchObject({
      type: 'photo',
      text: 'Open day on Saturday',
      mediaUrl: 'https://cdn.example/open-day.jpg',
      publishedAt: '2026-11-20T09:30:00.000Z',
    });
    expect(f.content.links.get(`t1|${id}`)).toMatchObject({
      postId: 'post_1',
      targetKey: `facebook_page:${PAGE}`,
    });
  });

  it.each([
    ['published_without_meta_id', { ...published, metaId: null }, true],
    ['calendar_post_gone', published, false],
    ['unknown_target_type', { ...published, target: `tiktok:${PAGE}` }, true],
  ])('skipped: %s', async (reason, detail, withPost) => {
    const f = contentFakes();
    f.connections.add(activeConnection(), { pages: [PAGE] });
    if (withPost)
      f.calendar.posts.set('t1|post_1', {
        ...calendarPost,
        targetStates: { ...calendarPost.targetStates, [`tiktok:${PAGE}`]: { connectionId: 'c1' } },
      });
    expect(await linkPublished(f.deps, detail)).toEqual({ outcome: 'skipped', reason });
    expect(f.content.links.size).toBe(0);
  });
});
