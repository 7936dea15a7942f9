/**
 * The tenant's CRM status → Meta lead stage mapping (Conversions API for CRM): the setting the API
 * stores and the lead worker reads to decide what to send.
 */
import * as z from '../../../platform/contracts/zod';
import { cappedRecord, mapKey } from '../../../platform/contracts/field-caps';

export const LEAD_STATUS_MAPPING_KEY = 'lead-status-mapping';

const MAX_STAGES = 100;

export const LeadStatusMapping = z.object({
  datasetId: z.string().check(z.regex(/^[0-9]{5,32}$/, 'a Meta dataset (pixel) id')),
  crmName: z._default(z.string().check(z.minLength(1), z.maxLength(64)), 'Meta Business Connector'),
  /** CRM status → the stage name sent to Meta as `event_name`; a CRM has a handful, 100 is plenty */
  stages: cappedRecord(
    mapKey(/^[a-z0-9_-]{1,64}$/, 'a CRM status'),
    z.string().check(z.minLength(1), z.maxLength(100)),
    MAX_STAGES,
    'statuses',
  ),
});
export type LeadStatusMapping = z.output<typeof LeadStatusMapping>;
