/**
 * Lead pipeline: leads created and delivered by the simulator at a fixed rate; the time from delivery
 * until each lead is readable through the API, and how many never arrive.
 */
import { connectTenant } from './connect';
import { fmt, json, percentile, type RuntimeHandle } from './support';

export async function benchLeadPipeline(rt: RuntimeHandle, opts = { perSecond: 100, seconds: 5 }) {
  const state = await json(`${rt.simUrl}/_sim/state`);
  const page = state.json.pages[0].id as string;
  const form = state.json.leadForms.find((f: any) => f.pageId === page).id as string;
  await json(`${rt.simUrl}/_sim/usage`, { body: { appCallBudget: 1_000_000, pageCallBudget: 1_000_000 } });
  await connectTenant(rt, [page]);

  const sentAt = new Map<string, number>();
  const seenAt = new Map<string, number>();
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const res = await json(`${rt.apiUrl}/api/v1/leads?limit=100`, { token: rt.token });
      const now = performance.now();
      for (const l of res.json?.items ?? []) if (!seenAt.has(l.leadgenId)) seenAt.set(l.leadgenId, now);
      // every 100 ms: the measurement must not become the load
      await new Promise((r) => setTimeout(r, 100));
    }
  })();

  const total = opts.perSecond * opts.seconds;
  const interval = 1000 / opts.perSecond;
  const started = performance.now();
  const sends: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    sends.push(
      (async () => {
        const t0 = performance.now();
        const res = await json(`${rt.simUrl}/_sim/leads`, {
          body: {
            pageId: page,
            formId: form,
            fieldData: { full_name: `Bench ${i}`, email: `b${i}@example.test` },
            deliver: true,
          },
        });
        sentAt.set(res.json.leadgenId, t0);
      })(),
    );
  }
  await Promise.all(sends);
  const drainUntil = performance.now() + 15_000;
  while (seenAt.size < sentAt.size && performance.now() < drainUntil)
    await new Promise((r) => setTimeout(r, 100));
  polling = false;
  await poller;

  // a lead that slipped past the newest-first window is found by a full listing (its time is an upper bound)
  let cursor: string | null = null;
  do {
    const res: any = await json(`${rt.apiUrl}/api/v1/leads?limit=200${cursor ? `&cursor=${cursor}` : ''}`, {
      token: rt.token,
    });
    const now = performance.now();
    for (const l of res.json?.items ?? []) if (!seenAt.has(l.leadgenId)) seenAt.set(l.leadgenId, now);
    cursor = res.json?.nextCursor ?? null;
  } while (cursor);
  const latencies = [...sentAt].filter(([id]) => seenAt.has(id)).map(([id, t0]) => seenAt.get(id)! - t0);
  const lost = [...sentAt.keys()].filter((id) => !seenAt.has(id)).length;
  const p50 = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);
  console.log(
    `\n== Lead pipeline (${total} leads at ${opts.perSecond}/s, delivery → readable in GET /leads)`,
  );
  console.log(
    `p50 ${fmt(p50, 0)} ms  p99 ${fmt(p99, 0)} ms  max ${fmt(Math.max(...latencies), 0)} ms  lost ${lost}`,
  );
  console.log(
    `targets   p99 < 2000 ms: ${p99 < 2000 ? 'met' : 'NOT met'}; 0 lost: ${lost === 0 ? 'met' : 'NOT met'}`,
  );
  return { p50, p99, lost, total };
}
