/**
 * The environment variables a function is given, by what it uses. The stack sets a function's variables
 * from its needs (lib/function-needs.ts) through this table, and the function reads them through the same
 * table (platform/wiring/env.ts): a variable is not set that nothing reads, nor read that nothing sets.
 * Values are names, ARNs and URLs only: secret values are read at run time from META_SECRET_ARN.
 */
export const ENVIRONMENT = {
  table: ['TABLE_NAME'],
  bus: ['EVENT_BUS_NAME'],
  vault: ['TOKEN_KEY_ARN'],
  /** the app id travels with the secret: one place configures the Meta app */
  metaSecret: ['META_SECRET_ARN', 'META_APP_ID'],
  graph: ['META_GRAPH_URL', 'META_GRAPH_VERSION'],
  exportBucket: ['EXPORT_BUCKET'],
  tenantApi: ['TENANT_CLAIM'],
  publicUrl: ['PUBLIC_BASE_URL'],
  oauth: ['META_LOGIN_URL', 'RETURN_URL_ALLOWLIST'],
  /** Powertools: every function logs, counts and traces (lib/constructs/observability-environment.ts) */
  logging: [
    'POWERTOOLS_SERVICE_NAME',
    'POWERTOOLS_LOG_LEVEL',
    'POWERTOOLS_METRICS_NAMESPACE',
    'POWERTOOLS_TRACER_CAPTURE_RESPONSE',
    'POWERTOOLS_TRACER_CAPTURE_ERROR',
    'POWERTOOLS_LOGGER_LOG_EVENT',
  ],
} as const;

export type EnvironmentPart = keyof typeof ENVIRONMENT;
export type EnvironmentVariable = (typeof ENVIRONMENT)[EnvironmentPart][number];

/** `lead-fetch` → `QUEUE_URL_LEAD_FETCH`: the URL of a topology queue a function sends to or drains. */
export function queueUrlVariable(queueName: string): string {
  return `QUEUE_URL_${queueName.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase()}`;
}

/** The queue URL variables back to topology names (`QUEUE_URL_LEAD_FETCH` → `lead-fetch`). */
export function queueUrlsFrom(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (k.startsWith('QUEUE_URL_') && v)
      urls[k.slice('QUEUE_URL_'.length).toLowerCase().replace(/_/g, '-')] = v;
  }
  return urls;
}
