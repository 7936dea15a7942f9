/**
 * Inbox ingest: Messenger messages from as many people, delivered by the simulator at a fixed rate; the
 * time from delivery until each one's conversation is readable through GET /conversations, and how many
 * never arrive.
 */
import { connectTenant } from './connect';
import { atRate, fmt, json, percentile, type RuntimeHandle } from './support';

export async function benchInbox(rt: RuntimeHandle, opts = { perSecond: 100, seconds: 5 }) {
  const state = await json(`${rt.simUrl}/_sim/state`);
  const page = state.json.pages[0].id as string;
  await json(`${rt.simUrl}/_sim/usage`, { body: { appCallBudget: 1_000_000, pageCallBudget: 1_000_000 } });
  await connectTenant(rt, [page], ['inbox']);

  const sentAt = new Map<string, number>();
  const seenAt = new Map<string, number>();
  const record = (items: any[], now: number) => {
    for (const c of items) if (c.contact && !seenAt.has(c.contact.id)) seenAt.set(c.contact.id, now);
  };
  // the list is ordered by Meta's message time, not by arrival: a late message sorts below newer ones,
  // so each poll reads the whole list (a first page only would see late messages late)
  const readAll = async () => {
    let cursor: string | null = null;
    do {
      const res: any = await json(
        `${rt.apiUrl}/api/v1/conversations?limit=200&channel=messenger${cursor ? `&cursor=${cursor}` : ''}`,
        { token: rt.token },
      );
      record(res.json?.items ?? [], performance.now());
      cursor = res.json?.nextCursor ?? null;
    } while (cursor);
  };
  let polling = true;
  const poller = (async () => {
    while (polling) {
      await readAll();
      // the measurement must not become the load
      await new Promise((r) => setTimeout(r, 150));
    }
  })();

  const total = opts.perSecond * opts.seconds;
  const started = performance.now();
  const sent = await atRate(total, opts.perSecond, async (i) => {
    const res = await json(`${rt.simUrl}/_sim/messages`, {
      body: { channel: 'messenger', assetId: page, text: `Bench message ${i}`, deliver: true },
    });
    return res.json.from as string;
  });
  for (const [from, t0] of sent) sentAt.set(from, t0);
  const drainUntil = performance.now() + 15_000;
  while (seenAt.size < sentAt.size && performance.now() < drainUntil)
    await new Promise((r) => setTimeout(r, 100));
  polling = false;
  await poller;

  await readAll();
  const latencies = [...sentAt].filter(([id]) => seenAt.has(id)).map(([id, t0]) => seenAt.get(id)! - t0);
  const lost = [...sentAt.keys()].filter((id) => !seenAt.has(id)).length;
  // what the runtime kept up with: arrivals per second over the whole run
  const throughput = seenAt.size / ((Math.max(...seenAt.values()) - started) / 1000);
  const p50 = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);
  console.log(
    `\n== Inbox (${total} Messenger messages at ${opts.perSecond}/s, delivery → visible in GET /conversations)`,
  );
  console.log(
    `p50 ${fmt(p50, 0)} ms  p99 ${fmt(p99, 0)} ms  max ${fmt(Math.max(...latencies), 0)} ms  lost ${lost}  processed ${fmt(throughput, 0)}/s`,
  );
  console.log(
    `targets   p99 < 2000 ms: ${p99 < 2000 ? 'met' : 'NOT met'}; 0 lost: ${lost === 0 ? 'met' : 'NOT met'}`,
  );
  return { p50, p99, lost, total, throughput };
}
