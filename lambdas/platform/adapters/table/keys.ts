/** Key builders for the single table; every tenant-owned item lives under `T#<tenantId>`. */
export const tenantPk = (tenantId: string) => `T#${tenantId}`;
export const connectionSk = (connectionId: string) => `CON#${connectionId}`;
export const connectionChildSk = (connectionId: string, child: string) => `CONX#${connectionId}#${child}`;
export const pageTokenSk = (connectionId: string, pageId: string) =>
  connectionChildSk(connectionId, `PTOK#${pageId}`);
export const assetsSk = (connectionId: string) => connectionChildSk(connectionId, 'ASSETS');
export const metaUserGsiPk = (metaUserId: string) => `MU#${metaUserId}`;
export const routePk = (assetId: string) => `ROUTE#${assetId}`;
export const routeSk = (tenantId: string, connectionId: string) => `T#${tenantId}#CON#${connectionId}`;
export const auditPk = (tenantId: string) => `T#${tenantId}#AUDIT`;
export const oauthStatePk = (nonce: string) => `OSTATE#${nonce}`;
export const selectedIndexPk = (assetType: string) => `SELECTED#${assetType}`;
/** The key of one of a tenant's items. */
export const tenantKey = (tenantId: string, sk: string) => ({ pk: tenantPk(tenantId), sk });
