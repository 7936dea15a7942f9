import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { OAuthStateStore } from '../ports';
import { oauthStatePk } from '../../../platform/adapters/table/keys';

/** Single use through a conditional put: the second writer of the same nonce loses. */
export class DynamoOAuthStateStore implements OAuthStateStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async consume(nonce: string, expiresAt: Date): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: oauthStatePk(nonce),
            sk: 'USED',
            entity: 'oauth-state',
            // kept a day past expiry so a late replay still finds it
            expiresAt: Math.floor(expiresAt.getTime() / 1000) + 86_400,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }
}
