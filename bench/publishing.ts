/**
 * Publishing lateness: 100 posts scheduled over a minute, starting 40 s out, and approved. Those due within
 * a minute of their approval are queued by the approval itself; the rest wait for the runtime's own
 * every-minute scheduler (no manual trigger). Lateness is the time from each post's scheduled second to its
 * publication at the simulator.
 */
import { connectTenant } from './connect';
import { fmt, json, percentile, type RuntimeHandle } from './support';

export async function benchPublishing(rt: RuntimeHandle, count = 100) {
  const state = await json(`${rt.simUrl}/_sim/state`);
  const page = state.json.pages[0].id as string;
  await json(`${rt.simUrl}/_sim/usage`, { body: { appCallBudget: 1_000_000, pageCallBudget: 1_000_000 } });
  await connectTenant(rt, [page], ['publishing']);
  const start = Date.now() + 40_000;
  const ids: string[] = [];
  let bySchedulerTick = 0;
  for (let i = 0; i < count; i++) {
    const scheduledAt = new Date(start + i * 600).toISOString();
    const created = await json(`${rt.apiUrl}/api/v1/posts`, {
      body: { message: `Bench post ${i}`, targets: [{ type: 'facebook_page', id: page }], scheduledAt },
      token: rt.token,
    });
    if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.json)}`);
    const approved = await json(`${rt.apiUrl}/api/v1/posts/${created.json.id}/approve`, {
      method: 'POST',
      token: rt.token,
    });
    if (approved.json.status === 'scheduled') bySchedulerTick++;
    ids.push(created.json.id);
  }
  const deadline = Date.now() + 4 * 60_000;
  let posts: any[] = [];
  while (Date.now() < deadline) {
    posts = (await json(`${rt.apiUrl}/api/v1/posts?limit=200`, { token: rt.token })).json.items;
    if (posts.filter((p: any) => ids.includes(p.id) && p.status === 'published').length === count) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  const lateness = posts
    .filter((p: any) => ids.includes(p.id) && p.status === 'published')
    .map((p: any) => (Date.parse(p.targets[0].publishedAt) - Date.parse(p.scheduledAt)) / 1000);
  const p99 = percentile(lateness, 99);
  console.log(
    `\n== Publishing (${count} posts scheduled over a minute; queued at approval or by the every-minute scheduler)`,
  );
  console.log(
    `lateness p50 ${fmt(percentile(lateness, 50))} s  p99 ${fmt(p99)} s  max ${fmt(Math.max(...lateness))} s  published ${lateness.length}/${count}`,
  );
  console.log(`queued    ${count - bySchedulerTick} at approval, ${bySchedulerTick} by the scheduler's tick`);
  console.log(
    `target    p99 within 60 s of the scheduled minute: ${p99 <= 60 && lateness.length === count ? 'met' : 'NOT met'}`,
  );
  return { p99, published: lateness.length, bySchedulerTick };
}
