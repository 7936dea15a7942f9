/**
 * Webhook acknowledgement: signed leadgen deliveries against the local runtime, beside a bare node:http
 * server answering 200 on the same machine (the ceiling). Three runs:
 * - steady: 100 deliveries a second, one every 10 ms, each timed from when it was due (so a late send
 *   counts against us), which is the latency Meta sees at that rate;
 * - bursts: autocannon's `overallRate: 100`. Its rate limit lets each connection send its share of the
 *   second back to back and then wait for the next one-second tick (`reqsMadeThisSecond` in
 *   autocannon/lib/httpClient.js), so this is a burst of 100 deliveries at the top of every second, the
 *   worst case of the same rate, reported beside the steady one;
 * - saturated: autocannon as fast as it goes, the most deliveries per second.
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import type { RuntimeHandle } from './support';
import { atRate, fmt, percentile } from './support';

export interface AckFigures {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
}

interface Load {
  url: string;
  body: string;
  headers: Record<string, string>;
  seconds: number;
  /** requests per second across all connections; absent = as fast as possible */
  rate?: number;
}

async function run(load: Load): Promise<AckFigures> {
  const result = await autocannon({
    url: load.url,
    method: 'POST',
    body: load.body,
    headers: load.headers,
    connections: load.rate ? 10 : 20,
    duration: load.seconds,
    ...(load.rate ? { overallRate: load.rate } : {}),
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
  };
}

/**
 * Open loop: one POST every `1000 / rate` ms whatever the answers do, each timed from its due time to the
 * end of its answer.
 */
async function evenly(load: Load & { rate: number }): Promise<AckFigures> {
  const latencies: number[] = [];
  let non2xx = 0;
  const started = performance.now();
  const total = Math.round(load.seconds * load.rate);
  await atRate(total, load.rate, async (i, due) => {
    const res = await fetch(load.url, { method: 'POST', body: load.body, headers: load.headers });
    await res.arrayBuffer();
    if (res.status < 200 || res.status > 299) non2xx++;
    latencies.push(performance.now() - due);
    return String(i);
  });
  return {
    requestsPerSecond: total / ((performance.now() - started) / 1000),
    p50: Math.round(percentile(latencies, 50) * 10) / 10,
    p99: Math.round(percentile(latencies, 99) * 10) / 10,
    non2xx,
  };
}

export async function benchWebhookAck(rt: RuntimeHandle, seconds = 8) {
  // a Page nobody selected: the delivery is verified, split, handed off and logged, then skipped by the worker
  const payload = JSON.stringify({
    object: 'page',
    entry: [
      {
        id: '999000000000001',
        time: 1764000000,
        changes: [
          {
            field: 'leadgen',
            value: {
              leadgen_id: '999000000000777',
              page_id: '999000000000001',
              form_id: '999000000000002',
              created_time: 1764000000,
            },
          },
        ],
      },
    ],
  });
  const signature = `sha256=${createHmac('sha256', rt.appSecret).update(payload).digest('hex')}`;
  const headers = { 'content-type': 'application/json', 'x-hub-signature-256': signature };

  const bare = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
  const ceiling = await run({
    url: bareUrl,
    body: payload,
    headers,
    seconds: Math.max(3, Math.floor(seconds / 2)),
  });
  bare.close();

  const url = `${rt.apiUrl}/api/v1/meta/webhook`;
  // warm the process at the steady rate (first calls compile, connect and get optimised), then steady and
  // bursts before saturated: after the saturated run the workers drain its backlog for seconds on the same
  // event loop, and that is not 100/s
  await evenly({ url, body: payload, headers, seconds: 8, rate: 100 });
  const steady = await evenly({ url, body: payload, headers, seconds, rate: 100 });
  const bursts = await run({ url, body: payload, headers, seconds, rate: 100 });
  const saturated = await run({ url, body: payload, headers, seconds });
  console.log('\n== Webhook acknowledgement (signed leadgen deliveries)');
  console.log(
    `saturated ${fmt(saturated.requestsPerSecond, 0)} req/s  p50 ${saturated.p50} ms  p99 ${saturated.p99} ms  non-2xx ${saturated.non2xx}`,
  );
  console.log(
    `at 100/s  ${fmt(steady.requestsPerSecond, 0)} req/s  p50 ${steady.p50} ms  p99 ${steady.p99} ms  non-2xx ${steady.non2xx}  (one every 10 ms)`,
  );
  console.log(
    `bursts    ${fmt(bursts.requestsPerSecond, 0)} req/s  p50 ${bursts.p50} ms  p99 ${bursts.p99} ms  non-2xx ${bursts.non2xx}  (100 at the top of each second)`,
  );
  console.log(
    `bare http ${fmt(ceiling.requestsPerSecond, 0)} req/s  p50 ${ceiling.p50} ms  p99 ${ceiling.p99} ms`,
  );
  console.log(
    `ratio     ${fmt((saturated.requestsPerSecond / ceiling.requestsPerSecond) * 100)} % of the bare server's throughput`,
  );
  console.log(
    `targets   p99 < 20 ms: ${steady.p99 < 20 ? 'met at 100/s' : 'NOT met at 100/s'}; >= 1000 deliveries/s: ${saturated.requestsPerSecond >= 1000 ? 'met' : 'NOT met'}`,
  );
  return { saturated, steady, bursts, ceiling };
}
