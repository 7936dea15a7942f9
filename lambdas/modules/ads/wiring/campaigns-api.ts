/**
 * The campaigns API's wiring: the ads module's common adapters (wiring.ts), the tenant claim, and the
 * `Idempotency-Key` gate of its creates (from the module's routes, which the worker and the sync need not
 * bundle).
 */
import type { IdempotencyGate } from '../../../platform/handlers/idempotency';
import { moduleIdempotencyGate } from '../../../platform/wiring/http-idempotency';
import { tenantApiConfig, type Env } from '../../../platform/wiring/env';
import { awsGraphCallerRuntimeWith, type GraphCallerRuntime } from '../../../platform/wiring/graph-caller';
import type { TenantApiConfig } from '../../../platform/wiring/runtime';
import { tableAccess } from '../../../platform/wiring/table';
import { ADS_MODULE } from '../module';
import type { AdsDeps } from '../ports';
import { adsFromRuntime } from './ads';

/** The campaigns API: the common parts, the tenant claim, and idempotent creates. */
export type CampaignsApiRuntime = GraphCallerRuntime<TenantApiConfig>;

export function campaignsApiFromRuntime(rt: CampaignsApiRuntime): {
  ads: AdsDeps;
  httpIdempotency: IdempotencyGate;
} {
  const { db, tableName } = tableAccess(rt);
  return {
    ads: adsFromRuntime(rt),
    httpIdempotency: moduleIdempotencyGate(ADS_MODULE, { db, tableName }, rt.config.tenantClaim),
  };
}

export const awsCampaignsApiRuntime = (env: Env = process.env): CampaignsApiRuntime =>
  awsGraphCallerRuntimeWith(env, tenantApiConfig);
