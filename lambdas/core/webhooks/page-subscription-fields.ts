import type { Feature } from '../scopes/scope-registry';

/** Page webhook fields each feature needs; a Page is subscribed to the union for the connection's features. */
const FIELDS: Partial<Record<Feature, string[]>> = {
  leads: ['leadgen'],
  inbox: ['feed', 'messages', 'message_echoes', 'message_deliveries', 'message_reads'],
};

export function pageFieldsForFeatures(features: readonly Feature[]): string[] {
  return [...new Set(features.flatMap((f) => FIELDS[f] ?? []))].sort();
}
