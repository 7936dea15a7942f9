/**
 * Each call of a JSON client (adapters/aws-http) as an X-Ray subsegment, shaped as the X-Ray SDK shapes
 * an AWS SDK call: named after the service, in the `aws` namespace, with the operation, region, request
 * id and retries in its `aws` block and the status in its `http` block, so the service map shows the
 * same AWS nodes either way (https://docs.aws.amazon.com/xray/latest/devguide/xray-api-segmentdocuments.html#api-segmentdocuments-aws).
 * Never the payload.
 *
 * Like the Graph calls' subsegments, it is added without becoming current, so calls that run side by
 * side never nest inside each other.
 */
import type { AwsCallObserver } from '../aws-http/retried-call';
import type { TraceContext } from './graph-call-tracing';

const NOTHING = () => {};

export function awsCallTracing(tracer: TraceContext): AwsCallObserver {
  return {
    start(call) {
      if (!tracer.isTracingEnabled()) return NOTHING;
      const parent = tracer.getSegment();
      if (!parent) return NOTHING;
      const sub = parent.addNewSubsegment(call.service);
      sub.addAttribute('namespace', 'aws');
      return ({ status, requestId, errorType, retries }) => {
        sub.addAttribute('aws', {
          operation: call.operation,
          region: call.region,
          retries,
          ...(requestId ? { request_id: requestId } : {}),
        });
        if (status !== null) sub.addAttribute('http', { response: { status } });
        if (status === 429 || /Throttl|TooManyRequests|ProvisionedThroughputExceeded/.test(errorType ?? ''))
          sub.addThrottleFlag();
        // X-Ray's meaning of the flags: error = a client error (4xx), fault = the remote failed (5xx, no answer)
        if (status === null || status >= 500) sub.addFaultFlag();
        else if (status >= 400) sub.addErrorFlag();
        sub.close();
      };
    },
  };
}
