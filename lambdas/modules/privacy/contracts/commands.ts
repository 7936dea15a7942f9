/**
 * The internal commands the deletion worker takes: purge a revoked connection's data, purge what was
 * kept for revoked assets, write a tenant's export. Each is one zod schema both sides use: the producer
 * sends what it parses (platform/contracts/command-contract.ts), the worker reads with the same schema.
 */
import * as z from '../../../platform/contracts/zod';
import { defineCommand } from '../../../platform/contracts/command-contract';

export const PurgeRequested = defineCommand(
  'privacy.purge-requested',
  "Purge one revoked connection's data (disconnect, deauthorize, data deletion)",
  z.object({
    tenantId: z.string(),
    connectionId: z.string(),
    /** the deletion request this purge reports to */
    deletionCode: z.string(),
    requestedBy: z.string(),
  }),
);
export type PurgeCommand = z.output<typeof PurgeRequested.schema>;

export const AssetPurgeRequested = defineCommand(
  'privacy.asset-purge-requested',
  'Purge what was kept for revoked assets of a connection',
  z.object({
    tenantId: z.string(),
    connectionId: z.string(),
    /** the asset and those that go with it (a Page's lead forms) */
    assetIds: z.array(z.string().check(z.maxLength(64))).check(z.minLength(1), z.maxLength(100)),
    requestedBy: z.string(),
  }),
);
export type AssetPurgeCommand = z.output<typeof AssetPurgeRequested.schema>;

export const ExportRequested = defineCommand(
  'privacy.export-requested',
  "Write a tenant's export file",
  z.object({
    tenantId: z.string(),
    exportId: z.string(),
    requestedBy: z.string(),
  }),
);
export type ExportCommand = z.output<typeof ExportRequested.schema>;
