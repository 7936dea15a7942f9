import { LeadStatusMapping } from '../../../modules/leads/core/status-feedback';
import type { OperationSchemas } from '../../../platform/contracts/http-schemas';

export const LeadStatusMappingBody = LeadStatusMapping.strict();

export const SETTINGS_OPERATIONS = {
  getLeadStatusMapping: { responses: { 200: LeadStatusMapping.nullable() } },
  putLeadStatusMapping: { body: LeadStatusMappingBody, responses: { 200: LeadStatusMapping } },
} satisfies Record<string, OperationSchemas>;
