/**
 * Tenant purge: a connection with N items (leads and sync state) is disconnected through the API; the
 * deletion worker's rate, items per second, from the DELETE until the connection is gone.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { startLocalRuntime } from '../local/runtime';
import { batchWrite } from '../lambdas/platform/adapters/table/batch-write';
import { connectTenant } from './connect';
import { fmt, json } from './support';

export async function benchPurge(items = Number(process.env.BENCH_PURGE_ITEMS ?? 20_000)) {
  const rt = await startLocalRuntime({ port: 0, simPort: 0, dataDir: null, log: false });
  try {
    const token = await rt.issueToken('purge-co', { expiresIn: '1h' });
    const handle = {
      apiUrl: rt.apiUrl,
      simUrl: rt.simUrl!,
      appSecret: rt.metaApp.appSecret,
      appId: rt.metaApp.appId,
      token,
      sqsEndpoint: rt.sqsEndpoint,
      dlqUrls: rt.queues.dlqUrls,
      stop: async () => {},
    };
    const state = await json(`${rt.simUrl}/_sim/state`);
    const connectionId = await connectTenant(handle, [state.json.pages[0].id]);
    const rows = Array.from({ length: items }, (_, i) => ({
      pk: 'T#purge-co',
      sk: `LEAD#lead_${800000000000000 + i}`,
      entity: 'lead',
      tenantId: 'purge-co',
      connectionId,
      leadgenId: String(800000000000000 + i),
      fields: { fullName: `Purge ${i}` },
    }));
    for (let i = 0; i < rows.length; i += 1000)
      await batchWrite(rt.clients.dynamo, rt.config.tableName, rows.slice(i, i + 1000));

    const started = performance.now();
    const res = await json(`${rt.apiUrl}/api/v1/connections/${connectionId}`, { method: 'DELETE', token });
    if (res.status !== 202) throw new Error(`disconnect answered ${res.status}`);
    for (;;) {
      const c = await json(`${rt.apiUrl}/api/v1/connections/${connectionId}`, { token });
      if (c.status === 404) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const seconds = (performance.now() - started) / 1000;
    // a rate means nothing if the purge left items behind: count what still names the connection
    let left = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const out = await rt.clients.dynamo.send(
        new ScanCommand({
          TableName: rt.config.tableName,
          FilterExpression: 'connectionId = :c',
          ExpressionAttributeValues: { ':c': connectionId },
          ExclusiveStartKey: start,
        }),
      );
      left += out.Count ?? 0;
      start = out.LastEvaluatedKey;
    } while (start);
    console.log(`\n== Tenant purge (${items} items of one connection, via DELETE /connections/{id})`);
    console.log(
      `${fmt(items / seconds, 0)} items/s  (${fmt(seconds)} s in all; 100,000 items would take ${fmt(100_000 / (items / seconds) / 60)} min; ${left} items left)`,
    );
    if (left > 0) throw new Error(`the purge left ${left} items of the connection`);
    return { itemsPerSecond: items / seconds, seconds, left };
  } finally {
    await rt.stop();
  }
}

if (require.main === module) void benchPurge();
