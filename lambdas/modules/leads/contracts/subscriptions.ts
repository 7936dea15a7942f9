/** What the lead worker takes from the webhook's ingest events: Lead Ads `leadgen` changes of Pages. */
import { ingestDetailType } from '../../webhooks/contracts';

export const LEAD_INGEST_DETAIL_TYPES: readonly string[] = [
  ingestDetailType({ object: 'page', field: 'leadgen' }),
];
