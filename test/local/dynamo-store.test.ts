import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createDynamoClients } from '../../local/infra/aws-clients';
import { ensureTable, startDynamoStore, type DynamoStore } from '../../local/infra/dynamo-store';
import { createTtlSweeper } from '../../local/infra/ttl-sweeper';

const TABLE = 'meta-connector';

describe('dynalite store', () => {
  let store: DynamoStore;
  let clients: ReturnType<typeof createDynamoClients>;

  beforeAll(async () => {
    store = await startDynamoStore();
    clients = createDynamoClients(store.endpoint);
    expect(await ensureTable(clients.raw, TABLE)).toBe(true);
  });
  afterAll(async () => {
    clients.raw.destroy();
    await store.close();
  });

  it('creates the table from table-schema.ts once', async () => {
    expect(await ensureTable(clients.raw, TABLE)).toBe(false);
    const { Table } = await clients.raw.send(new DescribeTableCommand({ TableName: TABLE }));
    expect(Table?.TableStatus).toBe('ACTIVE');
    expect(Table?.KeySchema?.map((k) => k.AttributeName)).toEqual(['pk', 'sk']);
    expect(Table?.GlobalSecondaryIndexes?.map((g) => g.IndexName).sort()).toEqual(['gsi1', 'gsi2']);
  });

  it('supports conditional puts, ADD and GSI queries', async () => {
    const item = { pk: 'T#acme', sk: 'LEAD#1', gsi2pk: 'T#acme#FORM#9', gsi2sk: '2025-01-01', n: 1 };
    const put = () =>
      clients.doc.send(
        new PutCommand({ TableName: TABLE, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
      );
    await put();
    await expect(put()).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    await clients.doc.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: { pk: 'T#acme', sk: 'LEAD#1' },
        UpdateExpression: 'ADD n :one',
        ExpressionAttributeValues: { ':one': 2 },
      }),
    );
    const got = await clients.doc.send(
      new GetCommand({ TableName: TABLE, Key: { pk: 'T#acme', sk: 'LEAD#1' } }),
    );
    expect(got.Item?.n).toBe(3);
    const q = await clients.doc.send(
      new QueryCommand({
        TableName: TABLE,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :p',
        ExpressionAttributeValues: { ':p': 'T#acme#FORM#9' },
      }),
    );
    expect(q.Items).toHaveLength(1);
  });

  it('TTL sweeper deletes only expired items', async () => {
    const now = Date.UTC(2030, 0, 1);
    const nowS = now / 1000;
    const items = [
      { sk: 'expired', expiresAt: nowS - 10 },
      { sk: 'future', expiresAt: nowS + 3600 },
      { sk: 'string-ttl', expiresAt: String(nowS - 10) },
      { sk: 'no-ttl' },
      { sk: 'ancient', expiresAt: nowS - 6 * 365 * 24 * 3600 },
    ];
    for (const i of items)
      await clients.doc.send(new PutCommand({ TableName: TABLE, Item: { pk: 'TTL', ...i } }));
    const sweeper = createTtlSweeper({ client: clients.doc, tableName: TABLE, now: () => now });
    expect(await sweeper.sweepOnce()).toBe(1);
    const left = await clients.doc.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': 'TTL' },
      }),
    );
    expect(left.Items?.map((i) => i.sk).sort()).toEqual(['ancient', 'future', 'no-ttl', 'string-ttl']);
    expect(await sweeper.sweepOnce()).toBe(0);
    await sweeper.stop();
  });

  it('persists to disk with a path (classic-level)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dynalite-'));
    try {
      const first = await startDynamoStore({ path: dir });
      let c = createDynamoClients(first.endpoint);
      await ensureTable(c.raw, TABLE);
      await c.doc.send(new PutCommand({ TableName: TABLE, Item: { pk: 'p', sk: 's', v: 'kept' } }));
      c.raw.destroy();
      await first.close();

      const second = await startDynamoStore({ path: dir });
      c = createDynamoClients(second.endpoint);
      expect(await ensureTable(c.raw, TABLE)).toBe(false);
      const got = await c.doc.send(new GetCommand({ TableName: TABLE, Key: { pk: 'p', sk: 's' } }));
      expect(got.Item?.v).toBe('kept');
      c.raw.destroy();
      await second.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
