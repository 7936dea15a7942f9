/**
 * A state folder from before the local KMS endpoint holds tokens and inbox data keys sealed by the earlier
 * local vault (`lv1:` ciphertexts). Its key file is the local KMS key's material, so each such value is
 * rewritten once, without being decrypted, into the form the production KmsTokenVault reads (the same
 * AES-GCM bytes inside a KMS blob). A marker file records that the folder is done, so later starts skip
 * the scan.
 */
import fs from 'node:fs';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { KMS_CIPHERTEXT_PREFIX } from '../../lambdas/platform/adapters/vault/kms-vault';
import { TABLE_KEYS } from '../../lambdas/platform/contracts/table-schema';
import type { LocalKmsKey } from './local-kms-key';

const LEGACY_PREFIX = 'lv1:';
/** Where vault ciphertexts are stored: connection user tokens, Page tokens, wrapped inbox data keys. */
const VAULT_ATTRIBUTES = ['userTokenCiphertext', 'ciphertext', 'wrapped'] as const;

export interface LocalVaultUpgradeOptions {
  db: DynamoDBDocumentClient;
  tableName: string;
  key: LocalKmsKey;
  /** written when the folder is done */
  markerFile: string;
}

/** Resolves to the number of values rewritten (0 when the marker says the folder is done). */
export async function upgradeLocalVaultCiphertexts(options: LocalVaultUpgradeOptions): Promise<number> {
  if (fs.existsSync(options.markerFile)) return 0;
  const { db, tableName, key } = options;
  const names: Record<string, string> = { '#pk': TABLE_KEYS.partitionKey, '#sk': TABLE_KEYS.sortKey };
  VAULT_ATTRIBUTES.forEach((a, i) => (names[`#a${i}`] = a));
  let rewritten = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: VAULT_ATTRIBUTES.map((_, i) => `begins_with(#a${i}, :legacy)`).join(' OR '),
        ProjectionExpression: ['#pk', '#sk', ...VAULT_ATTRIBUTES.map((_, i) => `#a${i}`)].join(', '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ':legacy': LEGACY_PREFIX },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      for (const attribute of VAULT_ATTRIBUTES) {
        const old = item[attribute];
        if (typeof old !== 'string' || !old.startsWith(LEGACY_PREFIX)) continue;
        const blob = key.fromLocalVault(old.slice(LEGACY_PREFIX.length));
        try {
          await db.send(
            new UpdateCommand({
              TableName: tableName,
              Key: {
                [TABLE_KEYS.partitionKey]: item[TABLE_KEYS.partitionKey],
                [TABLE_KEYS.sortKey]: item[TABLE_KEYS.sortKey],
              },
              UpdateExpression: 'SET #v = :new',
              ConditionExpression: '#v = :old',
              ExpressionAttributeNames: { '#v': attribute },
              ExpressionAttributeValues: {
                ':new': KMS_CIPHERTEXT_PREFIX + blob.toString('base64'),
                ':old': old,
              },
            }),
          );
          rewritten++;
        } catch (err) {
          // changed since the scan: whatever is there now was not written by the old vault
          if (!(err instanceof ConditionalCheckFailedException)) throw err;
        }
      }
    }
    start = page.LastEvaluatedKey;
  } while (start);
  fs.writeFileSync(options.markerFile, 'kms1\n', { mode: 0o600 });
  return rewritten;
}
