/** Watermarks of the scheduled syncs and the per-Page health shown on a connection. */
import type { PageHealth } from '../modules/connections/contracts/store';

export interface SyncStateRepository {
  getWatermark(tenantId: string, connectionId: string, key: string): Promise<string | undefined>;
  saveWatermark(tenantId: string, connectionId: string, key: string, value: string): Promise<void>;
  updatePageHealth(
    tenantId: string,
    connectionId: string,
    pageId: string,
    patch: Partial<Omit<PageHealth, 'pageId'>>,
  ): Promise<void>;
  listPageHealth(tenantId: string, connectionId: string): Promise<PageHealth[]>;
}
