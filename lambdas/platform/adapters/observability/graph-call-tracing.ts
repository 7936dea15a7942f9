/**
 * Each Graph call as an X-Ray subsegment of the invocation: a remote node named after Meta's host in the
 * service map, with the method, the path template and the status (as the `http` block and as annotations,
 * so traces can be searched by `graph_path` or `graph_error_code`). The client uses `fetch`, which the
 * X-Ray SDK does not see, and Powertools' automatic fetch capture stays off: it would record the real
 * path with its ids and send our trace header to Meta.
 *
 * The subsegment is added to the current segment without becoming current itself, so calls that run side
 * by side (`Promise.all`) never nest inside each other.
 */
import type { Tracer } from '@aws-lambda-powertools/tracer';
import type { GraphCallObserver } from '../graph/graph-call-observer';

/** What is used of the Powertools tracer. */
export type TraceContext = Pick<Tracer, 'isTracingEnabled' | 'getSegment'>;

const NOTHING = () => {};

export function graphCallTracing(tracer: TraceContext): GraphCallObserver {
  return {
    start(call) {
      if (!tracer.isTracingEnabled()) return NOTHING;
      const parent = tracer.getSegment();
      if (!parent) return NOTHING;
      const sub = parent.addNewSubsegment(new URL(call.urlTemplate).host);
      sub.addAttribute('namespace', 'remote');
      sub.addAnnotation('graph_method', call.method);
      sub.addAnnotation('graph_path', call.pathTemplate);
      return ({ status, errorCode }) => {
        sub.addAttribute('http', {
          request: { method: call.method, url: call.urlTemplate },
          ...(status !== null ? { response: { status } } : {}),
        });
        if (status !== null) sub.addAnnotation('graph_status', status);
        if (errorCode !== null) sub.addAnnotation('graph_error_code', errorCode);
        // X-Ray's meaning of the flags: error = a client error (4xx), fault = the remote failed (5xx, no answer)
        if (status === 429) sub.addThrottleFlag();
        if (status === null || status >= 500) sub.addFaultFlag();
        else if (status >= 400 || errorCode !== null) sub.addErrorFlag();
        sub.close();
      };
    },
  };
}
