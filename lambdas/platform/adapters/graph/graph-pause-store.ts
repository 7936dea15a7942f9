import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { GraphPause, GraphPauseReason } from '../../core/graph/graph-outage';
import type { GraphPauseStore } from '../../core/graph/graph-pause';

/** The app-wide Graph pause: one item, not tied to a tenant, gone a day after the pause it records. */
const KEY = { pk: 'APP#graph', sk: 'PAUSE' } as const;

export class DynamoGraphPauseStore implements GraphPauseStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(): Promise<GraphPause | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: KEY }));
    const i = out.Item;
    if (!i || typeof i.untilMs !== 'number') return undefined;
    return {
      untilMs: i.untilMs,
      sinceMs: Number(i.sinceMs),
      level: Number(i.level),
      reason: i.reason as GraphPauseReason,
      cause: String(i.cause),
    };
  }

  async put(pause: GraphPause): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...KEY,
          entity: 'graph-pause',
          ...pause,
          expiresAt: Math.floor(pause.untilMs / 1000) + 86_400,
        },
      }),
    );
  }

  async clear(): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: KEY }));
  }
}
