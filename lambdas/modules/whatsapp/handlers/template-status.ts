/** Template-status worker: Meta's `message_template_status_update` changes onto every stored copy. */
import { sqsBatchHandler } from '../../../platform/handlers/sqs-handler';
import { lambdaExports } from '../../../platform/wiring/lambda-handler';
import { IngestEvent } from '../../webhooks/contracts';
import { applyTemplateStatus } from '../core/template-status';
import { TEMPLATE_STATUS_QUEUE } from '../module';
import { awsTemplateStatusRuntime, templateStatusFromRuntime, type TemplateStatusRuntime } from '../wiring';

export function createHandler(rt: TemplateStatusRuntime) {
  const deps = templateStatusFromRuntime(rt);
  return sqsBatchHandler(rt, TEMPLATE_STATUS_QUEUE, () => async (envelope) => {
    const detail = IngestEvent.parse(envelope.detail);
    const result = await applyTemplateStatus(deps, detail.entryId, detail.value);
    rt.logger.info('whatsapp template status', {
      deliveryId: detail.deliveryId,
      wabaId: detail.entryId,
      ...result,
    });
  });
}

export const { awsRuntime, handler } = lambdaExports(awsTemplateStatusRuntime, createHandler);
