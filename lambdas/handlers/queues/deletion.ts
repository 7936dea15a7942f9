/** Deletion worker: purges one connection's data per message; a redelivered message resumes the purge. */
import { z } from 'zod';
import { purgeConnection } from '../../core/privacy/purge-connection';
import { lazyHandler } from '../common/aws-dependencies';
import type { AppDependencies } from '../common/dependencies';
import { sqsHandler } from '../common/sqs-handler';

const PurgeCommand = z.object({
  tenantId: z.string(),
  connectionId: z.string(),
  deletionCode: z.string(),
  requestedBy: z.string(),
});

export function createHandler(deps: AppDependencies) {
  return sqsHandler(deps, 'deletion', async (envelope) => {
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
