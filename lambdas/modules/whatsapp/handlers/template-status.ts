/** Template-status worker: Meta's `message_template_status_update` changes onto every stored copy. */
import { sqsBatchHandler } from '../../../platform/handlers/sqs-handler';
import { lambdaHandler } from '../../../platform/wiring/lambda-handler';
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

/** what `handler` builds its runtime with, from the environment the stack sets (test/infra checks the two agree) */
export const awsRuntime = awsTemplateStatusRuntime;

export const handler = lambdaHandler(awsRuntime, createHandler);
