/**
 * The campaigns API's runtime: the ads module's common parts (ads.ts) and the tenant claim. Its
 * `Idempotency-Key` gate comes from the module's routes in the handler (platform/wiring/tenant-api.ts),
 * which the worker and the sync need not bundle.
 */
import { tenantApiConfig, type Env } from '../../../platform/wiring/env';
import { awsGraphCallerRuntimeWith, type GraphCallerRuntime } from '../../../platform/wiring/graph-caller';
import type { TenantApiConfig } from '../../../platform/wiring/runtime';

/** The campaigns API: the common parts and the tenant claim. */
export type CampaignsApiRuntime = GraphCallerRuntime<TenantApiConfig>;

export const awsCampaignsApiRuntime = (env: Env = process.env): CampaignsApiRuntime =>
  awsGraphCallerRuntimeWith(env, tenantApiConfig);
