/**
 * Each Graph call as an X-Ray subsegment of the invocation: a remote node named after Meta's host in the
 * service map, with the method, the path template and the status (as the `http` block and as annotations,
 * so traces can be searched by `graph_path` or `graph_error_code`). The client uses `fetch`, which the
 * X-Ray SDK does not see, and Powertools' automatic fetch capture stays off: it would record the real
 * path with its ids and send our trace header to Meta.
 */
import type { GraphCallObserver } from '../graph/graph-call-observer';
import { detachedSubsegment, type TraceContext } from './detached-subsegment';

const NOTHING = () => {};

export function graphCallTracing(tracer: TraceContext): GraphCallObserver {
  return {
    start(call) {
      const sub = detachedSubsegment(tracer, new URL(call.urlTemplate).host, 'remote');
      if (!sub) return NOTHING;
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
