/**
 * A function's telemetry in Lambda, from the Powertools variables every function gets
 * (platform/contracts/environment.ts `logging`): X-Ray on unless POWERTOOLS_TRACE_ENABLED=false, EMF to
 * standard output in the stack's namespace.
 */
import * as z from '../contracts/zod';
import type { Logger } from '@aws-lambda-powertools/logger';
import { DEFAULT_METRICS_NAMESPACE, SERVICE_NAME } from '../core/observability/metric-catalogue';
import { createTelemetry, type Telemetry } from '../handlers/telemetry';
import { awsCallTracing } from '../adapters/observability/aws-call-tracing';
import { untraced, type Traced } from './aws/traced';
import { readEnv, type Env } from './env';

export function powertoolsServiceName(env: Env): string {
  return readEnv(env, { POWERTOOLS_SERVICE_NAME: z._default(z.string().check(z.minLength(1)), SERVICE_NAME) })
    .POWERTOOLS_SERVICE_NAME;
}

export function lambdaTelemetry(env: Env, logger: Logger): Telemetry {
  const e = readEnv(env, {
    POWERTOOLS_SERVICE_NAME: z._default(z.string().check(z.minLength(1)), SERVICE_NAME),
    POWERTOOLS_METRICS_NAMESPACE: z._default(z.string().check(z.minLength(1)), DEFAULT_METRICS_NAMESPACE),
    /** 'false' turns tracing off without a redeploy of the code (the X-Ray SDK is then not loaded) */
    POWERTOOLS_TRACE_ENABLED: z.optional(z.string()),
  });
  return createTelemetry({
    tracing: e.POWERTOOLS_TRACE_ENABLED?.toLowerCase() !== 'false',
    serviceName: e.POWERTOOLS_SERVICE_NAME,
    namespace: e.POWERTOOLS_METRICS_NAMESPACE,
    logger,
  });
}

/** Every AWS call a subsegment (operation, table or queue, status; never the payload) when tracing is on. */
export function traced(telemetry: Telemetry): Traced {
  const tracer = telemetry.tracer;
  if (!tracer) return untraced;
  return { sdk: (client) => tracer.captureAWSv3Client(client), calls: awsCallTracing(tracer) };
}
