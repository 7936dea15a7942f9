/**
 * DynamoDB, locally: dynalite (the real DynamoDB JSON wire API over LevelDB) on a worker thread of this
 * process (dynalite-worker.mjs says why).
 *
 * - With a `path`, data lives in LevelDB files (classic-level, native prebuild) and survives restarts;
 *   without one it is in memory (memory-level), which is what tests use.
 * - dynalite lacks TransactWriteItems, UpdateTimeToLive and Streams. The table is therefore created
 *   without a TTL specification (the TTL sweeper emulates expiry) and nothing here calls those APIs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startServiceWorkerThread } from './service-worker-thread';
import {
  CreateTableCommand,
  DescribeTableCommand,
  ListTablesCommand,
  ResourceNotFoundException,
  type AttributeDefinition,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { ALL_GSIS, TABLE_KEYS } from '../../lambdas/platform/contracts/table-schema';
import { createDynamoClients } from './aws-clients';

export interface DynamoStoreOptions {
  /** LevelDB directory; `null`/absent keeps everything in memory. */
  path?: string | null;
}

export interface DynamoStore {
  /** `http://127.0.0.1:<port>` */
  endpoint: string;
  /** whether data is persisted on disk */
  persistent: boolean;
  close(): Promise<void>;
}

export async function startDynamoStore(options: DynamoStoreOptions = {}): Promise<DynamoStore> {
  const dir = options.path ?? null;
  if (dir) fs.mkdirSync(dir, { recursive: true });
  const thread = await startServiceWorkerThread<{ type: 'ready'; port: number }>(
    'dynalite',
    path.join(__dirname, 'dynalite-worker.mjs'),
    { path: dir },
  );
  const endpoint = `http://127.0.0.1:${thread.ready.port}`;
  const close = thread.close;

  // Probe the store now: a broken LevelDB binding (classic-level's install script skipped, no matching
  // prebuild) or a locked directory (another runtime running) only shows up on first use.
  const probe = createDynamoClients(endpoint);
  try {
    await probe.raw.send(new ListTablesCommand({}));
  } catch (err) {
    await close();
    const why = err instanceof Error ? err.message : String(err);
    throw new Error(
      dir
        ? `dynalite could not open its LevelDB store at ${dir} (${why}). Is another local runtime running on this directory, or did classic-level fail to load its native binding?`
        : `dynalite failed to start in memory: ${why}`,
    );
  } finally {
    probe.raw.destroy();
  }
  return { endpoint, persistent: dir !== null, close };
}

/**
 * Creates the single table exactly as table-schema.ts describes it (the CDK stack reads the same file),
 * if it does not exist yet. Returns true when it created the table.
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return false;
  } catch (err) {
    if (
      !(err instanceof ResourceNotFoundException) &&
      (err as { name?: string }).name !== 'ResourceNotFoundException'
    ) {
      throw err;
    }
  }
  const attributeNames = new Set<string>([TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey]);
  for (const gsi of ALL_GSIS) {
    attributeNames.add(gsi.partitionKey);
    attributeNames.add(gsi.sortKey);
  }
  // Every key attribute is a string in this design (prefixed ids, ISO timestamps).
  const AttributeDefinitions: AttributeDefinition[] = [...attributeNames].map((AttributeName) => ({
    AttributeName,
    AttributeType: 'S',
  }));
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions,
      KeySchema: [
        { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: ALL_GSIS.map((gsi) => ({
        IndexName: gsi.indexName,
        KeySchema: [
          { AttributeName: gsi.partitionKey, KeyType: 'HASH' },
          { AttributeName: gsi.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    }),
  );
  // CreateTable answers while the table is CREATING; writes before ACTIVE fail, as in DynamoDB
  for (let i = 0; i < 200; i++) {
    const out = await client.send(new DescribeTableCommand({ TableName: tableName })).catch(() => undefined);
    if (out?.Table?.TableStatus === 'ACTIVE') break;
    await new Promise((r) => setTimeout(r, 10));
  }
  return true;
}
