/**
 * The single-table layout, shared by the CDK table and the local dynalite table so the two never differ.
 *
 * Items are keyed by tenant: `pk = T#<tenantId>` for everything a tenant owns. The few items that are not
 * tenant-owned (OAuth state nonces, asset → tenant routes, deletion confirmations) have their own prefixes.
 */
export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;

/** Items with this attribute (epoch seconds) are expired by DynamoDB TTL (a sweeper locally). */
export const TTL_ATTRIBUTE = 'expiresAt';

export interface GsiDefinition {
  indexName: string;
  partitionKey: string;
  sortKey: string;
}

export const GSIS = {
  /** Meta user id → connections in every tenant (deauthorize, data deletion). */
  byMetaUser: { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  /** Secondary orderings inside a tenant (leads by form, posts by due time, …). */
  byTenantSecondary: { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
} as const satisfies Record<string, GsiDefinition>;

export const ALL_GSIS: GsiDefinition[] = Object.values(GSIS);
