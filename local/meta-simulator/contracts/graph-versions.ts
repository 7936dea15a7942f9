/**
 * Meta's API versions around the one the service pins, with the dates Meta gives. One version string
 * serves the Graph API and the Marketing API, but Meta retires them on different schedules: the Marketing
 * API's is much shorter, so it decides when the pin must move.
 * Graph API: https://developers.facebook.com/docs/graph-api/changelog/versions/
 * Marketing API: https://developers.facebook.com/documentation/ads-commerce/marketing-api/marketing-api-changelog/versions
 */
export interface GraphVersionInfo {
  version: string;
  /** ISO date Meta released it */
  released: string;
  /** the last day Meta serves it on the Graph API; null while Meta says "TBD" */
  graphApiUntil: string | null;
  /** the Marketing API's expiration date for it; null while Meta says "TBD" */
  marketingApiUntil: string | null;
}

/**
 * The version every Graph call names (META_GRAPH_VERSION, CDK context `metaGraphVersion`). v26.0, not
 * v27.0: the v27.0 changelog pages (Graph API and Marketing API) could not be read when the pin moved,
 * only their announcement (https://developers.facebook.com/blog/post/2026/11/04/introducing-graph-api-v27-and-marketing-api-v27/);
 * README, "Moving to the next Graph version", lists what was checked for v26.0.
 */
export const PINNED_GRAPH_VERSION = 'v26.0';

export const GRAPH_VERSIONS: readonly GraphVersionInfo[] = [
  { version: 'v24.0', released: '2025-10-08', graphApiUntil: '2028-02-18', marketingApiUntil: '2026-11-10' },
  { version: 'v25.0', released: '2026-02-18', graphApiUntil: '2028-07-29', marketingApiUntil: '2027-02-23' },
  { version: 'v26.0', released: '2026-07-29', graphApiUntil: null, marketingApiUntil: null },
  { version: 'v27.0', released: '2026-11-04', graphApiUntil: null, marketingApiUntil: null },
];

export const GRAPH_VERSION_SOURCES = [
  'https://developers.facebook.com/docs/graph-api/changelog/versions/',
  'https://developers.facebook.com/documentation/ads-commerce/marketing-api/marketing-api-changelog/versions',
] as const;

/** the first day the version stops working for one of the APIs the service calls */
export function versionExpires(info: GraphVersionInfo): string | null {
  const dates = [info.graphApiUntil, info.marketingApiUntil].filter((d): d is string => d !== null).sort();
  return dates[0] ?? null;
}
