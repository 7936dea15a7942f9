/**
 * Graph API protocol features Meta no longer lets a new app use, on any endpoint and any version. Meta's
 * v27.0 announcement: "Starting November 4, 2026, new apps cannot use multi-ID requests, date/time
 * formatting, HTTP method override, field aliases, JSONP callbacks, or asynchronous batch requests, and
 * existing apps cannot introduce new use cases for them. This applies across all Graph API versions."
 * (https://developers.facebook.com/blog/post/2026/11/04/introducing-graph-api-v27-and-marketing-api-v27/);
 * v26.0 already removed five legacy protocol behaviours from v26.0 calls, and from every version on
 * 2026-10-27 (https://developers.facebook.com/blog/post/2026/07/29/introducing-graph-api-v26-and-marketing-api-v26/).
 * A business deploying this service registers a new app, so the simulator refuses them all. The service's
 * client uses none: it sends each verb as itself, one object per path, plain `fields`, and its batches are
 * synchronous. Meta's announcement does not give the error; the simulator answers the invalid-parameter
 * error (code 100) and names the feature. Asynchronous batch requests are not listed: the service sends
 * none, and the announcement does not name the parameter that asks for one.
 */
import type { GraphArgs } from '../graph-args';
import { GraphErrors, type GraphError } from '../graph-errors';

export interface LegacyFeature {
  /** Meta's name for it, as the announcement gives it */
  feature: string;
  /** how a call asks for it */
  used: (args: GraphArgs) => boolean;
  /** the parameter, as the refusal names it */
  param: string;
}

export const LEGACY_FEATURES_SOURCE =
  'https://developers.facebook.com/blog/post/2026/11/04/introducing-graph-api-v27-and-marketing-api-v27/';

export const LEGACY_FEATURES: readonly LegacyFeature[] = [
  { feature: 'HTTP method override', param: 'method', used: (a) => a.has('method') },
  { feature: 'multi-ID requests', param: 'ids', used: (a) => a.has('ids') },
  { feature: 'date/time formatting', param: 'date_format', used: (a) => a.has('date_format') },
  { feature: 'JSONP callbacks', param: 'callback', used: (a) => a.has('callback') },
  {
    feature: 'field aliases',
    param: 'fields',
    // `fields=name.as(title)`: https://developers.facebook.com/docs/graph-api/advanced#aliases
    used: (a) => /\.as\(/.test(a.str('fields') ?? ''),
  },
];

/** Null when the call asks for none of them; else the error the simulator answers. */
export function legacyFeatureError(args: GraphArgs): GraphError | null {
  const hit = LEGACY_FEATURES.find((f) => f.used(args));
  if (!hit) return null;
  return GraphErrors.invalidParameter(
    `(#100) Param ${hit.param}: ${hit.feature} is not available to new apps on any Graph API version`,
    {
      userTitle: 'Legacy Graph API feature',
      userMsg: `Since November 4, 2026, new apps cannot use ${hit.feature}.`,
    },
  );
}
