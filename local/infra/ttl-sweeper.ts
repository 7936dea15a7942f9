/**
 * DynamoDB TTL, emulated: dynalite has no UpdateTimeToLive, so every `intervalMs` this scans the table and
 * deletes items whose TTL attribute (epoch seconds, a Number) is in the past. Like DynamoDB it ignores
 * non-numeric values and values more than five years in the past, and deletion is conditional on the item
 * still being expired, so an item whose TTL was just extended survives. AWS deletes "within a few days";
 * this is faster, which is fine: code must never rely on an expired item still being readable, and must
 * filter expired items itself where that matters (as with real TTL).
 */
import { DeleteCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TABLE_KEYS, TTL_ATTRIBUTE } from '../../lambdas/platform/contracts/table-schema';
import { silentLog, type LocalLog } from '../log';

export interface TtlSweeperOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  ttlAttribute?: string;
  /** default 60 s */
  intervalMs?: number;
  /** epoch milliseconds; injectable for tests */
  now?: () => number;
  log?: LocalLog;
}

export interface TtlSweeper {
  /** one full pass; resolves to the number of items deleted */
  sweepOnce(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

const FIVE_YEARS_SECONDS = 5 * 365 * 24 * 60 * 60;

export function createTtlSweeper(options: TtlSweeperOptions): TtlSweeper {
  const { client, tableName } = options;
  const ttl = options.ttlAttribute ?? TTL_ATTRIBUTE;
  const now = options.now ?? Date.now;
  const log = options.log ?? silentLog;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<number> | undefined;

  const pass = async (): Promise<number> => {
    const nowSeconds = Math.floor(now() / 1000);
    const values = { ':now': nowSeconds, ':oldest': nowSeconds - FIVE_YEARS_SECONDS };
    let deleted = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new ScanCommand({
          TableName: tableName,
          // A number compared with numbers: string-typed TTL values never match, as in DynamoDB.
          FilterExpression: '#ttl BETWEEN :oldest AND :now',
          ProjectionExpression: '#pk, #sk',
          ExpressionAttributeNames: {
            '#ttl': ttl,
            '#pk': TABLE_KEYS.partitionKey,
            '#sk': TABLE_KEYS.sortKey,
          },
          ExpressionAttributeValues: values,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const key of page.Items ?? []) {
        try {
          await client.send(
            new DeleteCommand({
              TableName: tableName,
              Key: key,
              ConditionExpression: '#ttl BETWEEN :oldest AND :now',
              ExpressionAttributeNames: { '#ttl': ttl },
              ExpressionAttributeValues: values,
            }),
          );
          deleted++;
        } catch (err) {
          if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
        }
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    if (deleted) log.info('ttl', `deleted ${deleted} expired item(s)`);
    return deleted;
  };

  // One pass at a time: a timer tick during a manual sweepOnce() joins it instead of racing it.
  const sweepOnce = () => {
    current ??= pass().finally(() => {
      current = undefined;
    });
    return current;
  };

  return {
    sweepOnce,
    start() {
      if (timer) return;
      timer = setInterval(() => {
        sweepOnce().catch((err) => log.error('ttl', 'sweep failed', err));
      }, options.intervalMs ?? 60_000);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await current?.catch(() => undefined);
    },
  };
}
