/**
 * Chaos: the lead pipeline while Meta misbehaves, through the simulator's injected faults
 * (`POST /_sim/faults`, Meta's error 2 with HTTP 500).
 *
 *   Flaky Meta  500 leads at 50/s while 30 % of lead reads fail: delivery → readable p50/p99/max, and
 *               the leads lost, stored twice, and dead-lettered. Real time throughout.
 *   Meta down   every Graph call fails for 20 minutes, then Meta recovers: the time from recovery until
 *               the last lead is readable, and the leads lost, stored twice, and dead-lettered. The
 *               runtime's retry clock (RuntimeConfig `retryTimeScale`: backoff steps, Graph pause steps,
 *               the outage streak) runs `BENCH_CHAOS_TIME_SCALE` times real time (default 0.05, so the
 *               20 minutes last 60 s); the outage is timed on that clock too. Nothing else is scaled:
 *               the work itself, SQS's whole-second visibility, the simulator's clock and the schedules
 *               (the 15-minute lead reconciliation never runs, so every lead arrives through the queue).
 *               `BENCH_CHAOS_TIME_SCALE=1` runs the full 20 minutes.
 * `BENCH_CHAOS_ONLY=flaky` (or `down`) runs one of them.
 */
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { createSqsClient } from '../local/infra/aws-clients';
import { leadTarget, sendLeads, watchLeads } from './lead-load';
import { fmt, json, percentile, startRuntimeProcess, type RuntimeHandle } from './support';

/** Every lead read: `GET /{leadgen-id}` (15–17 digits). */
const LEAD_READ = '^/?\\d{15,17}$';
const LEADS = 500;
const PER_SECOND = 50;

export async function benchChaos() {
  // `BENCH_CHAOS_ONLY=flaky` or `=down` runs one scenario
  const only = process.env.BENCH_CHAOS_ONLY;
  if (only !== 'down') {
    const flaky = await startRuntimeProcess();
    try {
      await flakyMeta(flaky);
    } finally {
      await flaky.stop();
    }
  }
  if (only === 'flaky') return;
  const scale = Number(process.env.BENCH_CHAOS_TIME_SCALE ?? 0.05);
  const down = await startRuntimeProcess({ timeScale: scale });
  try {
    await metaDown(down, scale, Number(process.env.BENCH_CHAOS_OUTAGE_MINUTES ?? 20));
  } finally {
    await down.stop();
  }
}

async function flakyMeta(rt: RuntimeHandle) {
  const target = await leadTarget(rt);
  await fault(rt, { pathPattern: LEAD_READ, method: 'GET', status: 500, code: 2, rate: 0.3 });
  const watcher = watchLeads(rt);
  const sentAt = await sendLeads(rt, target, LEADS, PER_SECOND);
  // long enough for a lead that waits out the lead queue's 180 s visibility timeout to count as late, not lost
  await watcher.waitFor(sentAt.keys(), 240_000);
  const copies = await watcher.finish();
  const fired = await faultsFired(rt);
  const latencies = [...sentAt].flatMap(([id, t0]) => {
    const seen = watcher.seenAt.get(id);
    return seen === undefined ? [] : [seen - t0];
  });
  const counts = await outcome(rt, sentAt.keys(), copies);
  const p99 = percentile(latencies, 99);
  console.log(`\n== Chaos: flaky Meta (${LEADS} leads at ${PER_SECOND}/s, 30 % of lead reads fail)`);
  console.log(`lead reads refused by the fault: ${fired}`);
  console.log(
    `delivery → readable  p50 ${fmt(percentile(latencies, 50), 0)} ms  p99 ${fmt(p99, 0)} ms  ` +
      `max ${fmt(Math.max(...latencies), 0)} ms`,
  );
  console.log(`lost ${counts.lost}  duplicated ${counts.duplicated}  in DLQ ${counts.dlq}`);
  console.log(
    `targets   p99 < 15 s: ${p99 < 15_000 ? 'met' : 'NOT met'}; 0/0/0: ${counts.lost + counts.duplicated + counts.dlq === 0 ? 'met' : 'NOT met'}`,
  );
}

async function metaDown(rt: RuntimeHandle, scale: number, minutes: number) {
  const target = await leadTarget(rt);
  const outageMs = minutes * 60_000 * scale;
  const watcher = watchLeads(rt);
  // every Graph call, whatever its path or method
  await fault(rt, { pathPattern: '.*', status: 500, code: 2 });
  const outageStarted = performance.now();
  const sentAt = await sendLeads(rt, target, LEADS, PER_SECOND);
  const during = [...sentAt.keys()].filter((id) => watcher.seenAt.has(id)).length;
  const left = outageMs - (performance.now() - outageStarted);
  if (left < 0)
    console.warn('the leads took longer to send than the outage lasts: raise BENCH_CHAOS_TIME_SCALE');
  await new Promise((r) => setTimeout(r, Math.max(0, left)));
  const refused = await faultsFired(rt);
  await json(`${rt.simUrl}/_sim/faults`, { method: 'DELETE' });
  const recovered = performance.now();
  const outageSeconds = (recovered - outageStarted) / 1000;

  await watcher.waitFor(sentAt.keys(), 300_000);
  const copies = await watcher.finish();
  const readable = [...sentAt.keys()].map((id) => watcher.seenAt.get(id)).filter((t) => t !== undefined);
  const lastAfterMs = readable.length > 0 ? Math.max(...readable) - recovered : NaN;
  const counts = await outcome(rt, sentAt.keys(), copies);
  console.log(
    `\n== Chaos: Meta down (${minutes} min of every Graph call failing, retry clock ×${fmt(1 / scale, 0)}: ` +
      `${fmt(outageSeconds, 0)} s real; ${LEADS} leads at ${PER_SECOND}/s as it starts)`,
  );
  console.log(
    `Graph calls refused during the outage: ${refused} (${fmt(refused / outageSeconds, 1)}/s real); ` +
      `leads readable before recovery: ${during}`,
  );
  console.log(
    `recovery → last lead readable ${fmt(lastAfterMs / 1000, 1)} s (wall clock)  ` +
      `lost ${counts.lost}  duplicated ${counts.duplicated}  in DLQ ${counts.dlq}`,
  );
  console.log(
    `targets   0 in DLQ: ${counts.dlq === 0 ? 'met' : 'NOT met'}; last lead < 60 s after recovery: ${lastAfterMs < 60_000 ? 'met' : 'NOT met'}`,
  );
}

async function fault(rt: RuntimeHandle, spec: Record<string, unknown>) {
  const res = await json(`${rt.simUrl}/_sim/faults`, { body: spec });
  if (res.status !== 200) throw new Error(`fault: ${res.status} ${JSON.stringify(res.json)}`);
}

async function faultsFired(rt: RuntimeHandle): Promise<number> {
  const res = await json(`${rt.simUrl}/_sim/faults`);
  return (res.json?.faults ?? []).reduce((n: number, f: any) => n + (f.fired ?? 0), 0);
}

/** Lost: never readable; duplicated: stored more than once; in DLQ: lead-fetch messages dead-lettered. */
async function outcome(rt: RuntimeHandle, ids: Iterable<string>, copies: Map<string, number>) {
  const sqs = createSqsClient(rt.sqsEndpoint);
  try {
    const out = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: rt.dlqUrls['lead-fetch'],
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    const a = out.Attributes ?? {};
    const wanted = [...ids];
    return {
      lost: wanted.filter((id) => !copies.has(id)).length,
      duplicated: [...copies.values()].filter((n) => n > 1).length,
      dlq: Number(a.ApproximateNumberOfMessages ?? 0) + Number(a.ApproximateNumberOfMessagesNotVisible ?? 0),
    };
  } finally {
    sqs.destroy();
  }
}
