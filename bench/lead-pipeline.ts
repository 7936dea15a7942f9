/**
 * Lead pipeline: leads created and delivered by the simulator at a fixed rate; the time from delivery
 * until each lead is readable through the API, and how many never arrive.
 */
import { leadTarget, sendLeads, watchLeads } from './lead-load';
import { fmt, percentile, type RuntimeHandle } from './support';

export async function benchLeadPipeline(rt: RuntimeHandle, opts = { perSecond: 100, seconds: 5 }) {
  const target = await leadTarget(rt);
  const watcher = watchLeads(rt);
  const total = opts.perSecond * opts.seconds;
  const sentAt = await sendLeads(rt, target, total, opts.perSecond);
  await watcher.waitFor(sentAt.keys(), 15_000);
  await watcher.finish();
  const { seenAt } = watcher;

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
