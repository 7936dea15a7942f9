/** Conversions API for CRM (Conversion Leads): CRM stage events about Lead Ads leads. */
import { contract } from './contract-types';

export const CONVERSIONS_CONTRACTS = {
  events: contract({
    id: 'conversions.dataset.events.create',
    surface: 'conversions',
    method: 'POST',
    path: '/{dataset-id}/events',
    pattern: '/:id/events',
    node: 'Dataset (pixel)',
    tokens: ['user', 'page'],
    permissions: 'ads_management',
    encoding: 'form',
    params: {
      data: {
        required: true,
        type: 'json',
        note: 'events: event_name, event_time (≤ 7 days old), action_source `system_generated`, user_data.lead_id, custom_data.event_source `crm`',
      },
      test_event_code: {},
    },
    doc: 'https://developers.facebook.com/docs/marketing-api/conversions-api/conversion-leads-integration/payload-specification',
  }),
};
