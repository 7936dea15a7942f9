/**
 * Insights sync: 50 assets (Pages) × 90 days of daily counters, requested as a backfill through the API
 * and run by the service's own worker against the simulator in its own process. Prints the time from the
 * request to the completed record, the counters stored, and the Graph calls it used (all of them, and
 * per asset).
 */
import { connectTenant } from './connect';
import { fmt, json, type RuntimeHandle } from './support';

export async function benchInsights(rt: RuntimeHandle, assets = 50, days = 90) {
  // a real app syncing this much has a matching budget; throttling is tested on its own
  await json(`${rt.simUrl}/_sim/usage`, { body: { appCallBudget: 1_000_000, pageCallBudget: 1_000_000 } });
  const state = await json(`${rt.simUrl}/_sim/state`);
  const have = (state.json.pages as Array<{ id: string }>).map((p) => p.id);
  const more =
    assets > have.length
      ? ((await json(`${rt.simUrl}/_sim/pages`, { body: { count: assets - have.length } })).json
          .pageIds as string[])
      : [];
  const pageIds = [...have, ...more].slice(0, assets);
  await connectTenant(rt, pageIds, ['insights']);
  await fetch(`${rt.simUrl}/_sim/calls`, { method: 'DELETE' });

  const started = performance.now();
  const request = await json(`${rt.apiUrl}/api/v1/insights/backfill`, { body: { days }, token: rt.token });
  if (request.status !== 202) throw new Error(`backfill: ${request.status} ${JSON.stringify(request.json)}`);
  const deadline = Date.now() + 5 * 60_000;
  let record: any;
  for (;;) {
    record = (
      await json(`${rt.apiUrl}/api/v1/insights/backfills/${request.json.requestId}`, { token: rt.token })
    ).json;
    if (record.status === 'completed') break;
    if (Date.now() > deadline) throw new Error(`backfill not done after 5 minutes: ${record.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const seconds = (performance.now() - started) / 1000;
  const calls = (await json(`${rt.simUrl}/_sim/calls`)).json.calls as Array<{ path: string }>;
  const insightCalls = calls.filter((c) => c.path.endsWith('/insights')).length;
  const s = record.summary;
  console.log(`\n== Insights sync (${s.assets} Pages × ${days} days, as a backfill through the API)`);
  console.log(
    `${fmt(seconds, 2)} s  ${s.points} daily counters stored (${fmt(s.points / Math.max(1, seconds), 0)}/s)  ` +
      `${calls.length} Graph calls, ${insightCalls} of them insights (${fmt(calls.length / Math.max(1, s.assets), 2)} per asset)  ` +
      `${s.skipped.length} assets skipped`,
  );
  return { seconds, calls: calls.length, points: s.points as number };
}
