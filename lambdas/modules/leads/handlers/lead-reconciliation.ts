/** Every 15 minutes: every selected form's leads read back from Meta, and what no webhook brought stored. */
import { scheduledJob } from '../../../platform/handlers/scheduled-job';
import { reconcileLeads } from '../core/reconcile-leads';
import { awsLeadPipelineRuntime, leadPipelineFromRuntime } from '../wiring';

export const { createHandler, awsRuntime, handler } = scheduledJob({
  name: 'lead-reconciliation',
  awsRuntime: awsLeadPipelineRuntime,
  deps: leadPipelineFromRuntime,
  run: reconcileLeads,
  summarize: (s) => ({
    connections: s.connections,
    forms: s.forms.length,
    stored: s.forms.reduce((n, f) => n + f.stored, 0),
    errors: s.errors.length,
  }),
});
