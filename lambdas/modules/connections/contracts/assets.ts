/**
 * The assets a connection can see (the catalog) and the subset the tenant lets the service act on (the
 * selection): shapes every module that acts on an asset reads. The catalog is rebuilt from Meta; the
 * selection is the tenant's decision.
 */
export interface AssetItem {
  id: string;
  name: string;
}

export interface AssetCatalog {
  businesses: AssetItem[];
  pages: Array<
    AssetItem & { businessId: string | null; category: string | null; instagramAccountId: string | null }
  >;
  instagramAccounts: Array<AssetItem & { pageId: string; username: string | null }>;
  adAccounts: Array<AssetItem & { businessId: string | null; currency: string | null; accountId: string }>;
  leadForms: Array<AssetItem & { pageId: string; status: string | null }>;
  whatsappNumbers: Array<
    AssetItem & { businessId: string | null; wabaId: string; displayPhoneNumber: string | null }
  >;
}

export const ASSET_KINDS = [
  'businesses',
  'pages',
  'instagramAccounts',
  'adAccounts',
  'leadForms',
  'whatsappNumbers',
] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];

export type AssetSelection = Record<AssetKind, string[]>;

/** A tenant (and its connection) that selected a Meta asset: what webhooks fan out on. */
export interface AssetRoute {
  tenantId: string;
  connectionId: string;
  assetType: string;
  assetId: string;
}
