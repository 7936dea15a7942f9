/**
 * Privacy worker: purges one connection's data per message (a redelivered message resumes the purge; a
 * purge that runs out of time re-queues itself), purges what was kept for revoked assets, and builds
 * tenant exports.
 */
import type { Context } from 'aws-lambda';
import { byDetailType, onDetail } from '../../../platform/handlers/by-detail-type';
import { sqsHandler } from '../../../platform/handlers/sqs-handler';
import { lambdaExports } from '../../../platform/wiring/lambda-handler';
import { AssetPurgeRequested, ExportRequested, PurgeRequested } from '../contracts/commands';
import { buildExport } from '../core/export-data';
import { purgeAsset } from '../core/purge-asset';
import { purgeConnection } from '../core/purge-connection';
import { DELETION_QUEUE } from '../module';
import { awsDeletionWorkerRuntime, deletionWorkerWiring, type DeletionWorkerRuntime } from '../wiring';

/** Room left for the audit entry, the event and the re-queue after the purge stops deleting. */
const SAFETY_MS = 10_000;
/** The function timeout (visibility 300 s / 6 = 50 s) leaves more than this; locally it is the floor. */
const MIN_BUDGET_MS = 20_000;

export function purgeDeadline(now: Date, context?: Pick<Context, 'getRemainingTimeInMillis'>): Date {
  const remaining = context?.getRemainingTimeInMillis?.() ?? MIN_BUDGET_MS + SAFETY_MS;
  return new Date(now.getTime() + Math.max(MIN_BUDGET_MS, remaining - SAFETY_MS));
}

export function createHandler(rt: DeletionWorkerRuntime) {
  const w = deletionWorkerWiring(rt);
  const exportJob = onDetail(ExportRequested, async (cmd) => {
    const result = await buildExport(w.exports, cmd.tenantId, cmd.exportId);
    rt.logger.info('export built', { tenantId: cmd.tenantId, exportId: cmd.exportId, ...result });
  });
  const assetPurge = onDetail(AssetPurgeRequested, async (cmd, context) => {
    const result = await purgeAsset(w.purge, cmd, { deadline: purgeDeadline(rt.clock.now(), context) });
    rt.logger.info('asset purge', { tenantId: cmd.tenantId, connectionId: cmd.connectionId, ...result });
  });
  const connectionPurge = onDetail(PurgeRequested, async (cmd, context) => {
    const result = await purgeConnection(w.purge, cmd, { deadline: purgeDeadline(rt.clock.now(), context) });
    rt.logger.info('connection purge', { tenantId: cmd.tenantId, connectionId: cmd.connectionId, ...result });
  });
  // a connection's purge is the queue's main traffic: any other detail-type is read as one
  return sqsHandler(
    rt,
    DELETION_QUEUE,
    byDetailType([exportJob, assetPurge], (envelope, _record, context) =>
      connectionPurge.handle(envelope.detail, context),
    ),
  );
}

export const { awsRuntime, handler } = lambdaExports(awsDeletionWorkerRuntime, createHandler);
