/**
 * Each call of a JSON client (adapters/aws-http) as an X-Ray subsegment, shaped as the X-Ray SDK shapes
 * an AWS SDK call: named after the service, in the `aws` namespace, with the operation, region, request
 * id and retries in its `aws` block and the status in its `http` block, so the service map shows the
 * same AWS nodes either way (https://docs.aws.amazon.com/xray/latest/devguide/xray-api-segmentdocuments.html#api-segmentdocuments-aws).
 * Never the payload. Added beside the others, like the Graph calls' (detached-subsegment.ts).
 */
import type { AwsCallObserver } from '../aws-http/retried-call';
import { detachedSubsegment, type TraceContext } from './detached-subsegment';

const NOTHING = () => {};

export function awsCallTracing(tracer: TraceContext): AwsCallObserver {
  return {
    start(call) {
      const sub = detachedSubsegment(tracer, call.service, 'aws');
      if (!sub) return NOTHING;
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
