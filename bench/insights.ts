/**
 * Insights sync: 50 assets (Pages) × 90 days of daily counters, the time it takes and the Graph calls it
 * uses, on the local runtime against the simulator.
 */
import { startLocalRuntime } from '../local/runtime';
import { syncInsights } from '../lambdas/core/insights/sync-insights';
import { connectTenant } from './connect';
import { fmt, json } from './support';

export async function benchInsights(assets = 50, days = 90) {
  const rt = await startLocalRuntime({ port: 0, simPort: 0, dataDir: null, log: false, fastRetries: true });
  try {
    const token = await rt.issueToken('insights-co', { expiresIn: '1h' });
    const handle = {
      apiUrl: rt.apiUrl,
      simUrl: rt.simUrl!,
      appSecret: rt.metaApp.appSecret,
      appId: rt.metaApp.appId,
      token,
      stop: async () => {},
    };
    await json(`${rt.simUrl}/_sim/usage`, { body: { appCallBudget: 1_000_000, pageCallBudget: 1_000_000 } });
    const state = await json(`${rt.simUrl}/_sim/state`);
    const have = state.json.pages.length as number;
    const more = await json(`${rt.simUrl}/_sim/pages`, { body: { count: Math.max(1, assets - have) } });
    const pageIds = [...state.json.pages.map((p: any) => p.id), ...more.json.pageIds].slice(0, assets);
    await connectTenant(handle, pageIds, ['insights']);
    await fetch(`${rt.simUrl}/_sim/calls`, { method: 'DELETE' });
    const started = performance.now();
    const summary = await syncInsights(rt.deps.insightsSync, { days });
    const seconds = (performance.now() - started) / 1000;
    const calls = (await json(`${rt.simUrl}/_sim/calls`)).json.calls.length as number;
    console.log(`\n== Insights sync (${summary.assets} assets × ${days} days)`);
    console.log(
      `${fmt(seconds)} s  ${summary.points} daily counters stored  ${calls} Graph calls (${fmt(calls / summary.assets)} per asset)  ${summary.unavailable.length} metric/asset pairs reported unavailable`,
    );
    return { seconds, calls, points: summary.points };
  } finally {
    await rt.stop();
  }
}

if (require.main === module) void benchInsights();
