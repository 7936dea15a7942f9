/**
 * Content sync: 50 Pages × 500 posts published outside the service over the past year, a first sync
 * (the whole retention period) and a daily refresh a day later, each run by the service's own
 * `content-sync` job against the simulator in its own process. Prints the time of each, the Graph HTTP
 * requests and the list calls inside them (what Meta counts) per post, the posts and figure readings
 * stored, and the posts missing (the simulator's posts not in `GET /content`).
 */
import { connectTenant } from './connect';
import { fmt, json, type RuntimeHandle } from './support';

interface Call {
  contract: string | null;
  status: number;
}

async function callsSince(rt: RuntimeHandle) {
  const calls = (await json(`${rt.simUrl}/_sim/calls`)).json.calls as Call[];
  await fetch(`${rt.simUrl}/_sim/calls`, { method: 'DELETE' });
  const batches = calls.filter((c) => c.contract === 'graph.batch').length;
  // the sync sends every list inside a batch
  const lists = calls.filter(
    (c) => c.contract === 'pages.published_posts' || c.contract === 'instagram.media',
  );
  return {
    // each batch is one HTTP request; any call outside a batch is one too
    http: batches + (calls.length - batches - lists.length),
    lists: lists.length,
    failed: calls.filter((c) => c.status !== 200).length,
  };
}

async function storedContent(rt: RuntimeHandle) {
  const ids = new Map<string, { views: number | null; metricsAt: string | null }>();
  let cursor: string | undefined;
  do {
    const page = await json(
      `${rt.apiUrl}/api/v1/content?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      { token: rt.token },
    );
    if (page.status !== 200) throw new Error(`GET /content: ${page.status} ${JSON.stringify(page.json)}`);
    for (const item of page.json.items)
      ids.set(item.metaId, { views: item.metrics.views?.value ?? null, metricsAt: item.metricsAt });
    cursor = page.json.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

async function runSync(rt: RuntimeHandle): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${rt.apiUrl}/_local/schedules/content-sync`, { method: 'POST' });
  if (res.status !== 200) throw new Error(`content-sync: ${res.status} ${await res.text()}`);
  return (performance.now() - started) / 1000;
}

export async function benchContent(rt: RuntimeHandle, pages = 50, postsPerPage = 500) {
  // a real app syncing this much has a matching budget; throttling is tested on its own
  await json(`${rt.simUrl}/_sim/usage`, { body: { appCallBudget: 10_000_000, pageCallBudget: 10_000_000 } });
  const state = await json(`${rt.simUrl}/_sim/state`);
  const have = (state.json.pages as Array<{ id: string }>).map((p) => p.id);
  const more =
    pages > have.length
      ? ((await json(`${rt.simUrl}/_sim/pages`, { body: { count: pages - have.length } })).json
          .pageIds as string[])
      : [];
  const pageIds = [...have, ...more].slice(0, pages);
  await connectTenant(rt, pageIds, ['insights']);

  const made = new Set<string>();
  for (const pageId of pageIds) {
    const res = await json(`${rt.simUrl}/_sim/content`, {
      body: { pageId, count: postsPerPage, spreadDays: 364, ageSeconds: 2 * 3600 },
    });
    for (const id of res.json.ids as string[]) made.add(id);
  }
  await fetch(`${rt.simUrl}/_sim/calls`, { method: 'DELETE' });

  const firstSeconds = await runSync(rt);
  const first = await callsSince(rt);
  const afterFirst = await storedContent(rt);

  // a day later: Meta's figures have grown; the job reads the young posts again, the rest is not due
  await json(`${rt.simUrl}/_sim/clock`, { body: { advanceSeconds: 86_400 } });
  const refreshSeconds = await runSync(rt);
  const refresh = await callsSince(rt);
  const afterRefresh = await storedContent(rt);

  const missing = [...made].filter((id) => !afterRefresh.has(id)).length;
  const reread = [...afterRefresh].filter(([id, v]) => v.metricsAt !== afterFirst.get(id)?.metricsAt);
  const grew = reread.filter(([id, v]) => (v.views ?? 0) > (afterFirst.get(id)?.views ?? 0)).length;
  const total = made.size;
  console.log(
    `\n== Content sync (${pages} Pages × ${postsPerPage} posts published outside the service over a year)`,
  );
  console.log(
    `first sync: ${fmt(firstSeconds, 1)} s  ${afterFirst.size} posts stored with their figures ` +
      `(${fmt(afterFirst.size / Math.max(firstSeconds, 0.001), 0)}/s)  ` +
      `${first.http} Graph HTTP requests, ${first.lists} list calls inside them ` +
      `(${fmt(first.lists / total, 4)} calls per post, ${fmt(first.http / total, 4)} requests per post), ${first.failed} failed`,
  );
  console.log(
    `daily refresh: ${fmt(refreshSeconds, 1)} s  ${reread.length} posts of the last 28 days read again ` +
      `(${grew} with more views)  ` +
      `${refresh.http} Graph HTTP requests, ${refresh.lists} list calls ` +
      `(${fmt(refresh.lists / total, 4)} calls per post, ${fmt(refresh.http / total, 4)} requests per post)`,
  );
  console.log(
    `stored: ${afterRefresh.size} posts with their latest figures and a reading per post and day ` +
      `(the refresh ran on the service's same calendar day, so it replaced that day's reading); ` +
      `missing: ${missing} of ${total}`,
  );
  return { firstSeconds, refreshSeconds, first, refresh, stored: afterRefresh.size, missing };
}
