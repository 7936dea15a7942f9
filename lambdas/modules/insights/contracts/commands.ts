/**
 * The internal command the insights worker takes: run one recorded backfill. The API records and audits
 * the request, then sends this; the worker reads the record by its id. One zod schema both sides use.
 */
import * as z from '../../../platform/contracts/zod';
import { defineCommand } from '../../../platform/contracts/command-contract';

export const InsightsBackfillRequested = defineCommand(
  'insights.backfill-requested',
  "Sync a range of a tenant's insights on request (the record says what it stored)",
  z.object({
    tenantId: z.string(),
    requestId: z.string(),
    requestedBy: z.string(),
    /** the last N days, or a range of calendar dates */
    days: z.optional(z.number().check(z.int())),
    since: z.optional(z.string()),
    until: z.optional(z.string()),
  }),
);
export type InsightsBackfillJob = z.output<typeof InsightsBackfillRequested.schema>;
