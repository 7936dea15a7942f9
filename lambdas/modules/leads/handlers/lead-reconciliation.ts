import { reconcileLeads } from '../core/reconcile-leads';
import { scheduleHandler } from '../../../platform/handlers/schedule-handler';
import { lambdaHandler } from '../../../platform/wiring/lambda-handler';
import { awsLeadPipelineRuntime, leadPipelineFromRuntime, type LeadPipelineRuntime } from '../wiring';

export function createHandler(rt: LeadPipelineRuntime) {
  const lp = leadPipelineFromRuntime(rt);
  return scheduleHandler(
    rt,
    'lead-reconciliation',
    () => reconcileLeads(lp),
    (s) => ({
      connections: s.connections,
      forms: s.forms.length,
      stored: s.forms.reduce((n, f) => n + f.stored, 0),
      errors: s.errors.length,
    }),
  );
}

/** what `handler` builds its runtime with, from the environment the stack sets (test/infra checks the two agree) */
export const awsRuntime = awsLeadPipelineRuntime;

export const handler = lambdaHandler(awsRuntime, createHandler);
