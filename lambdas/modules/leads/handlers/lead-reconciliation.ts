import { reconcileLeads } from '../core/reconcile-leads';
import { lazyHandler } from '../../../handlers/common/aws-dependencies';
import type { AppDependencies } from '../../../handlers/common/dependencies';
import { scheduleHandler } from '../../../platform/handlers/schedule-handler';

export function createHandler(deps: AppDependencies) {
  return scheduleHandler(
    deps,
    'lead-reconciliation',
    () => reconcileLeads(deps.leads.pipeline),
    (s) => ({
      connections: s.connections,
      forms: s.forms.length,
      stored: s.forms.reduce((n, f) => n + f.stored, 0),
      errors: s.errors.length,
    }),
  );
}

export const handler = lazyHandler(createHandler);
