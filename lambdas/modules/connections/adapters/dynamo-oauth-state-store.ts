import type { OAuthStateStore } from '../ports';
import { oauthStatePk } from '../../../platform/adapters/table/keys';
import { TableStore } from '../../../platform/adapters/table/table-store';

/** Single use through a conditional put: the second writer of the same nonce loses. */
export class DynamoOAuthStateStore extends TableStore implements OAuthStateStore {
  consume(nonce: string, expiresAt: Date): Promise<boolean> {
    return this.writeItemIf(
      {
        pk: oauthStatePk(nonce),
        sk: 'USED',
        entity: 'oauth-state',
        // kept a day past expiry so a late replay still finds it
        expiresAt: Math.floor(expiresAt.getTime() / 1000) + 86_400,
      },
      { ConditionExpression: 'attribute_not_exists(pk)' },
    );
  }
}
