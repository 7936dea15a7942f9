/** The every-minute scheduler with in-memory fakes: one job per target, claimed once, never lost. */
import { approvePost, createPost } from '../../../lambdas/modules/publishing/core/manage-posts';
import { queueDuePosts } from '../../../lambdas/modules/publishing/core/queue-due-posts';
import { activeConnection, IG, PAGE, publishingFakes } from './fakes';

const NOW = new Date('2026-11-20T10:00:00Z');
const page = { type: 'facebook_page' as const, id: PAGE };
const ig = { type: 'instagram_account' as const, id: IG };
const IMAGE = { type: 'image' as const, url: 'https://cdn.example.test/bread.jpg' };
const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();

async function approvedPost(f: ReturnType<typeof publishingFakes>, scheduledAt: string) {
  const draft = await createPost(
    f.deps,
    't1',
    { message: 'Bread', media: [IMAGE], targets: [page, ig], scheduledAt },
    'user:ana',
  );
  await approvePost(f.deps, 't1', draft.id, 'user:boss');
  return draft.id;
}

function setup(delayedJobs = false) {
  const f = publishingFakes({ now: NOW, delayedJobs });
  f.connections.add(activeConnection());
  return f;
}

it('queues a due post once, one job per target; a second run finds nothing to queue', async () => {
  const f = setup();
  const id = await approvedPost(f, at(3_600_000));
  expect(await queueDuePosts(f.deps)).toEqual({ posts: 0, jobs: 0 });

  f.setNow(new Date(NOW.getTime() + 3_600_000));
  expect(await queueDuePosts(f.deps)).toEqual({ posts: 1, jobs: 2 });
  expect(f.commands.map((c) => c.detail)).toEqual([
    { tenantId: 't1', postId: id, targetKey: `facebook_page:${PAGE}` },
    { tenantId: 't1', postId: id, targetKey: `instagram_account:${IG}` },
  ]);
  expect(f.posts.posts.get(`t1|${id}`)!.status).toBe('publishing');
  expect(await queueDuePosts(f.deps)).toEqual({ posts: 0, jobs: 0 });
  expect(f.commands).toHaveLength(2);
});

it('looks a minute ahead when the publish queue can hold jobs, and holds each until its second', async () => {
  const f = setup(true);
  const id = await approvedPost(f, at(3_600_000));
  f.setNow(new Date(NOW.getTime() + 3_600_000 - 45_000));
  expect(await queueDuePosts(f.deps)).toEqual({ posts: 1, jobs: 2 });
  expect(f.delayed.sent.map((s) => [s.detail.postId, s.delaySeconds])).toEqual([
    [id, 45],
    [id, 45],
  ]);
  expect(f.commands).toEqual([]);
});

it('a job that cannot be sent puts the post back on the due list for the next run', async () => {
  const f = setup();
  const id = await approvedPost(f, at(3_600_000));
  f.setNow(new Date(NOW.getTime() + 3_600_000));
  const send = f.deps.commands.send;
  f.deps.commands.send = async () => {
    throw new Error('bus unavailable');
  };
  await expect(queueDuePosts(f.deps)).rejects.toThrow('bus unavailable');
  expect(f.posts.posts.get(`t1|${id}`)!.status).toBe('approved');
  expect(f.posts.due.has(`t1|${id}`)).toBe(true);

  f.deps.commands.send = send;
  expect(await queueDuePosts(f.deps)).toEqual({ posts: 1, jobs: 2 });
});
