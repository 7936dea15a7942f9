/** The webhooks module's public contracts: what other modules may import from it. */
export { IngestEvent, ingestDetailType } from './ingest';
export { DeliveryReceived, DeliveryRecord } from './delivery';
