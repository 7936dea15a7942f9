/**
 * Privacy worker: purges one connection's data per message (a redelivered message resumes the purge) and
 * builds tenant exports.
 */
import { z } from 'zod';
import { purgeConnection } from '../../core/privacy/purge-connection';
import { lazyHandler } from '../common/aws-dependencies';
import type { AppDependencies } from '../common/dependencies';
import { sqsHandler } from '../common/sqs-handler';
import { EXPORT_REQUESTED } from '../common/topology';
import { buildExport } from '../../core/privacy/export-data';

const ExportCommand = z.object({ tenantId: z.string(), exportId: z.string(), requestedBy: z.string() });

const PurgeCommand = z.object({
  tenantId: z.string(),
  connectionId: z.string(),
  deletionCode: z.string(),
  requestedBy: z.string(),
});

export function createHandler(deps: AppDependencies) {
  return sqsHandler(deps, 'deletion', async (envelope) => {
    if (envelope['detail-type'] === EXPORT_REQUESTED) {
      const cmd = ExportCommand.parse(envelope.detail);
      const result = await buildExport(deps.exportData, cmd.tenantId, cmd.exportId);
      deps.logger.info('export built', { tenantId: cmd.tenantId, exportId: cmd.exportId, ...result });
      return;
    }
    const cmd = PurgeCommand.parse(envelope.detail);
    const result = await purgeConnection(deps.privacy, cmd);
    deps.logger.info('connection purged', {
      tenantId: cmd.tenantId,
      connectionId: cmd.connectionId,
      ...result,
    });
  });
}

export const handler = lazyHandler(createHandler);
