/**
 * Webhook acknowledgement: signed leadgen deliveries against the local runtime with autocannon, beside a
 * bare node:http server answering 200 on the same machine (the ceiling). Two runs: saturation (the
 * most deliveries per second) and a steady 100/s (the latency Meta sees at a realistic rate).
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import type { RuntimeHandle } from './support';
import { fmt } from './support';

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
  // warm the process at the steady rate (first calls compile, connect and get optimised), then steady before
  // saturated: after the saturated
  // run the workers drain its backlog for seconds on the same event loop, and that is not a steady 100/s
  await run({ url, body: payload, headers, seconds: 8, rate: 100 });
  const steady = await run({ url, body: payload, headers, seconds, rate: 100 });
  const saturated = await run({ url, body: payload, headers, seconds });
  console.log('\n== Webhook acknowledgement (signed leadgen deliveries)');
  console.log(
    `saturated ${fmt(saturated.requestsPerSecond, 0)} req/s  p50 ${saturated.p50} ms  p99 ${saturated.p99} ms  non-2xx ${saturated.non2xx}`,
  );
  console.log(
    `at 100/s  ${fmt(steady.requestsPerSecond, 0)} req/s  p50 ${steady.p50} ms  p99 ${steady.p99} ms  non-2xx ${steady.non2xx}`,
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
  return { saturated, steady, ceiling };
}
