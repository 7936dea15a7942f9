/**
 * Privacy worker: purges one connection's data per message (a redelivered message resumes the purge; a
 * purge that runs out of time re-queues itself) and builds tenant exports.
 */
import * as z from 'zod';
import type { Context } from 'aws-lambda';
import { purgeConnection } from '../../core/privacy/purge-connection';
import { lazyHandler } from '../common/aws-dependencies';
import type { AppDependencies } from '../common/dependencies';
import { sqsHandler } from '../../platform/handlers/sqs-handler';
import { ASSET_PURGE_REQUESTED, EXPORT_REQUESTED, queueByName } from '../../app/topology';
import { purgeAsset } from '../../core/privacy/purge-asset';
import { buildExport } from '../../core/privacy/export-data';

const ExportCommand = z.object({ tenantId: z.string(), exportId: z.string(), requestedBy: z.string() });

const AssetPurgeCommand = z.object({
  tenantId: z.string(),
  connectionId: z.string(),
  assetIds: z.array(z.string().max(64)).min(1).max(100),
  requestedBy: z.string(),
});

const PurgeCommand = z.object({
  tenantId: z.string(),
  connectionId: z.string(),
  deletionCode: z.string(),
  requestedBy: z.string(),
});

/** Room left for the audit entry, the event and the re-queue after the purge stops deleting. */
const SAFETY_MS = 10_000;
/** The function timeout (visibility 300 s / 6 = 50 s) leaves more than this; locally it is the floor. */
const MIN_BUDGET_MS = 20_000;

export function purgeDeadline(now: Date, context?: Pick<Context, 'getRemainingTimeInMillis'>): Date {
  const remaining = context?.getRemainingTimeInMillis?.() ?? MIN_BUDGET_MS + SAFETY_MS;
  return new Date(now.getTime() + Math.max(MIN_BUDGET_MS, remaining - SAFETY_MS));
}

export function createHandler(deps: AppDependencies) {
  return sqsHandler(deps, queueByName('deletion'), async (envelope, _record, context) => {
    if (envelope['detail-type'] === EXPORT_REQUESTED) {
      const cmd = ExportCommand.parse(envelope.detail);
      const result = await buildExport(deps.exportData, cmd.tenantId, cmd.exportId);
      deps.logger.info('export built', { tenantId: cmd.tenantId, exportId: cmd.exportId, ...result });
      return;
    }
    if (envelope['detail-type'] === ASSET_PURGE_REQUESTED) {
      const cmd = AssetPurgeCommand.parse(envelope.detail);
      const result = await purgeAsset(deps.privacy, cmd, {
        deadline: purgeDeadline(deps.clock.now(), context),
        assetPurgeDetailType: ASSET_PURGE_REQUESTED,
      });
      deps.logger.info('asset purge', { tenantId: cmd.tenantId, connectionId: cmd.connectionId, ...result });
      return;
    }
    const cmd = PurgeCommand.parse(envelope.detail);
    const result = await purgeConnection(deps.privacy, cmd, {
      deadline: purgeDeadline(deps.clock.now(), context),
    });
    deps.logger.info('connection purge', {
      tenantId: cmd.tenantId,
      connectionId: cmd.connectionId,
      ...result,
    });
  });
}

export const handler = lazyHandler(createHandler);
