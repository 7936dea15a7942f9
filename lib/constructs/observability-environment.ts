/**
 * The Powertools settings every function gets: the service name and metrics namespace the dashboard and
 * alarms read back, and what tracing and logging must never record. Tracing itself is on (Lambda active
 * tracing, lambda-defaults.ts); the handlers' middlewares do the rest (lambdas/platform/handlers/telemetry.ts).
 */
import { SERVICE_NAME } from '../../lambdas/platform/core/observability/metric-catalogue';

export interface ObservabilityEnvironment {
  POWERTOOLS_SERVICE_NAME: string;
  POWERTOOLS_METRICS_NAMESPACE: string;
  POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false';
  POWERTOOLS_TRACER_CAPTURE_ERROR: 'false';
  POWERTOOLS_LOGGER_LOG_EVENT: 'false';
}

/** One namespace per stack, so two deployments in one account keep their metrics apart. */
export function observabilityEnvironment(stackName: string): ObservabilityEnvironment {
  return {
    POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
    POWERTOOLS_METRICS_NAMESPACE: stackName,
    POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
    POWERTOOLS_TRACER_CAPTURE_ERROR: 'false',
    POWERTOOLS_LOGGER_LOG_EVENT: 'false',
  };
}
