import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { tenantPk } from './keys';

/** Writes one item of a tenant's partition (replacing it): its sort key, its kind and its attributes. */
export async function putTenantItem(
  db: DynamoDBDocumentClient,
  tableName: string,
  item: { tenantId: string; sk: string; entity: string } & Record<string, unknown>,
): Promise<void> {
  const { tenantId, sk, entity, ...attributes } = item;
  await db.send(
    new PutCommand({ TableName: tableName, Item: { pk: tenantPk(tenantId), sk, entity, ...attributes } }),
  );
}
