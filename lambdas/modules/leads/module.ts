/**
 * The leads module as the registries see it (lambdas/app/modules.ts): its API function and routes, the
 * lead-fetch queue and what feeds it, the reconciliation schedule. Handler modules are named by path.
 */
import { API_PREFIX } from '../../platform/contracts/routes';
import { defineModule } from '../../platform/contracts/module';
import { INGEST_SOURCE, STANDARD_RETRY_STEPS } from '../../platform/contracts/topology';
import {
  LEAD_INGEST_DETAIL_TYPES,
  LEAD_OPERATIONS,
  LEAD_REQUEST_EXAMPLES,
  LEAD_SCHEMA_NAMES,
  LeadBackfillRequested,
  LeadStatusFeedbackRequested,
} from './contracts';

/** The queue the lead worker drains: Meta's `leadgen` changes, backfills and status feedback. */
export const LEAD_FETCH_QUEUE = {
  name: 'lead-fetch',
  worker: 'lambdas/modules/leads/handlers/lead-fetch.ts',
  batchSize: 10,
  maxReceiveCount: 8,
  visibilityTimeoutSeconds: 180,
  retryStepsSeconds: STANDARD_RETRY_STEPS,
};

export const LEADS_MODULE = defineModule({
  name: 'leads',
  http: {
    functions: {
      leads: {
        entry: 'lambdas/modules/leads/handlers/leads-api.ts',
        description: 'Tenant API: leads, field mapping, backfill, CRM status mapping',
      },
    },
    routes: [
      {
        method: 'GET',
        path: `${API_PREFIX}/leads`,
        fn: 'leads',
        auth: 'jwt',
        operationId: 'listLeads',
        summary: 'Leads, newest first',
      },
      {
        method: 'GET',
        path: `${API_PREFIX}/leads/{id}`,
        fn: 'leads',
        auth: 'jwt',
        operationId: 'getLead',
        summary: 'One lead',
      },
      {
        method: 'PATCH',
        path: `${API_PREFIX}/leads/{id}`,
        fn: 'leads',
        auth: 'jwt',
        operationId: 'patchLead',
        summary: 'Change a lead status',
      },
      {
        method: 'DELETE',
        path: `${API_PREFIX}/leads/{id}`,
        fn: 'leads',
        auth: 'jwt',
        operationId: 'eraseLead',
        summary: 'Erase a lead (its answers everywhere here; never stored again; lead.erased tells the CRM)',
      },
      {
        method: 'PUT',
        path: `${API_PREFIX}/lead-forms/{formId}/mapping`,
        fn: 'leads',
        auth: 'jwt',
        operationId: 'putLeadFormMapping',
        summary: 'Map a form question key to a CRM field',
      },
      {
        method: 'POST',
        path: `${API_PREFIX}/lead-forms/{formId}/backfill`,
        fn: 'leads',
        auth: 'jwt',
        operationId: 'backfillLeadForm',
        summary: 'Fetch the form leads since a time and store the missing ones',
      },
      {
        method: 'GET',
        path: `${API_PREFIX}/settings/lead-status-mapping`,
        fn: 'leads',
        auth: 'jwt',
        operationId: 'getLeadStatusMapping',
        summary: 'CRM status → Meta lead stage mapping',
      },
      {
        method: 'PUT',
        path: `${API_PREFIX}/settings/lead-status-mapping`,
        fn: 'leads',
        auth: 'jwt',
        operationId: 'putLeadStatusMapping',
        summary: 'Map CRM statuses to Meta lead stages (Conversions API for CRM)',
      },
      {
        method: 'GET',
        path: `${API_PREFIX}/lead-forms/{formId}/mapping`,
        fn: 'leads',
        auth: 'jwt',
        operationId: 'getLeadFormMapping',
        summary: 'The field mapping of a form (question key → CRM field), with the standard defaults',
      },
    ],
    idempotentCreates: { backfillLeadForm: { sealAnswer: false } },
    operations: LEAD_OPERATIONS,
    schemaNames: LEAD_SCHEMA_NAMES,
    examples: LEAD_REQUEST_EXAMPLES,
    tag: 'Leads',
  },
  queues: [LEAD_FETCH_QUEUE],
  busRules: [
    {
      name: 'leadgen-to-lead-fetch',
      source: INGEST_SOURCE,
      detailTypes: [
        ...LEAD_INGEST_DETAIL_TYPES,
        LeadBackfillRequested.detailType,
        LeadStatusFeedbackRequested.detailType,
      ],
      queue: LEAD_FETCH_QUEUE.name,
    },
  ],
  schedules: [
    {
      name: 'lead-reconciliation',
      rate: 'rate(15 minutes)',
      job: 'lambdas/modules/leads/handlers/lead-reconciliation.ts',
    },
  ],
});
