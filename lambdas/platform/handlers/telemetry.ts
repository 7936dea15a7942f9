/**
 * Observability for every function, with Powertools' own middy middlewares, attached by the three handler
 * wrappers (http-handler.ts, sqs-handler.ts, schedule-handler.ts):
 *
 * - Tracer: a `## handler` subsegment per invocation annotated with the cold start, the AWS SDK clients
 *   captured (aws-dependencies.ts) and each Graph call (adapters/observability/graph-call-tracing.ts).
 *   Responses and error messages are not recorded: they can hold personal data.
 * - Logger: every line carries the Lambda context (`function_request_id`, `cold_start`, the function's
 *   name, ARN and memory, the X-Ray trace id). The event is never logged.
 * - Metrics: the business metrics use cases count through the core port, printed as EMF when the
 *   invocation ends (adapters/observability/emf-metrics.ts).
 *
 * In Lambda the tracer is on and EMF goes to standard output; locally and in tests the tracer is off and
 * EMF goes to a quiet sink ({@link quietTelemetry}), both chosen where the dependencies are built.
 *
 * With tracing off the X-Ray SDK is not even loaded: loading it creates its context namespace, which turns
 * on async hooks for the whole process and makes every promise an order of magnitude slower
 * (https://github.com/aws/aws-xray-sdk-node/issues/420) — the local runtime and the tests would pay it for
 * nothing.
 */
import type { Context } from 'aws-lambda';
import type { MiddyfiedHandler } from '@middy/core';
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { EmfMetrics, type EmfSink } from '../adapters/observability/emf-metrics';
import { DEFAULT_METRICS_NAMESPACE, SERVICE_NAME } from '../core/observability/metric-catalogue';

export interface Telemetry {
  metrics: EmfMetrics;
  /** absent when tracing is off */
  tracer?: Tracer;
}

export interface TelemetryOptions {
  serviceName?: string;
  /** CloudWatch namespace of the business metrics */
  namespace?: string;
  /** X-Ray subsegments (Lambda's active tracing must be on too); false: the X-Ray SDK is not loaded */
  tracing: boolean;
  /** where EMF blobs go instead of standard output */
  metricsSink?: EmfSink;
  /** where Powertools' own warnings go */
  logger?: Logger;
}

export function createTelemetry(options: TelemetryOptions): Telemetry {
  const serviceName = options.serviceName ?? SERVICE_NAME;
  return {
    ...(options.tracing ? { tracer: loadTracer(serviceName) } : {}),
    metrics: new EmfMetrics({
      namespace: options.namespace ?? DEFAULT_METRICS_NAMESPACE,
      serviceName,
      ...(options.metricsSink ? { sink: options.metricsSink } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
    }),
  };
}

function loadTracer(serviceName: string): Tracer {
  // required here, not imported above: only a function that traces loads the X-Ray SDK
  type Powertools = typeof import('@aws-lambda-powertools/tracer');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const powertools = require('@aws-lambda-powertools/tracer') as Powertools;
  // Powertools' automatic capture of http and fetch stays off: it would record Graph paths with their ids
  // and send our trace header to Meta; the Graph client adds its own subsegments instead
  return new powertools.Tracer({ serviceName, captureHTTPsRequests: false });
}

/** No traces, and EMF dropped unless a sink is given: the local runtime and tests. */
export function quietTelemetry(metricsSink: EmfSink = () => {}): Telemetry {
  return createTelemetry({ tracing: false, metricsSink });
}

/**
 * Attaches the three middlewares. Tracer outermost, so its subsegment spans the others; metrics innermost,
 * so they are flushed as soon as the handler returns, also when it throws.
 */
export function observed<E, R>(
  handler: MiddyfiedHandler<E, R, Error, Context>,
  deps: { logger: Logger; telemetry: Telemetry },
): MiddyfiedHandler<E, R, Error, Context> {
  const { tracer, metrics } = deps.telemetry;
  const traced = tracer ? handler.use(captureLambdaHandler(tracer, { captureResponse: false })) : handler;
  return traced
    .use(injectLambdaContext(deps.logger, { logEvent: false, resetKeys: true }))
    .use(logMetrics(metrics));
}
