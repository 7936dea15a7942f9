/** Watermarks of the scheduled syncs and the per-Page health shown on a connection. */
import type { PageHealth } from '../modules/connections/contracts/store';
import type { Watermarks } from '../platform/core/ports';

export interface SyncStateRepository extends Watermarks {
  updatePageHealth(
    tenantId: string,
    connectionId: string,
    pageId: string,
    patch: Partial<Omit<PageHealth, 'pageId'>>,
  ): Promise<void>;
  listPageHealth(tenantId: string, connectionId: string): Promise<PageHealth[]>;
}
