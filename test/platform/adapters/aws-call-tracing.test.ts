/**
 * A JSON client's call as the X-Ray subsegment the X-Ray SDK makes of an AWS SDK call, on a segment that
 * records what is put on it (the tracer's port: its segment, and whether tracing is on).
 */
import { awsCallTracing } from '../../../lambdas/platform/adapters/observability/aws-call-tracing';
import type { TraceContext } from '../../../lambdas/platform/adapters/observability/detached-subsegment';

class RecordedSubsegment {
  attributes: Record<string, unknown> = {};
  flags: string[] = [];
  closed = false;
  constructor(readonly name: string) {}
  addAttribute(key: string, value: unknown) {
    this.attributes[key] = value;
  }
  addThrottleFlag() {
    this.flags.push('throttle');
  }
  addErrorFlag() {
    this.flags.push('error');
  }
  addFaultFlag() {
    this.flags.push('fault');
  }
  close() {
    this.closed = true;
  }
}

function tracer(enabled = true) {
  const subsegments: RecordedSubsegment[] = [];
  const segment = {
    addNewSubsegment: (name: string) => {
      const s = new RecordedSubsegment(name);
      subsegments.push(s);
      return s;
    },
  };
  const context = {
    isTracingEnabled: () => enabled,
    getSegment: () => segment,
  } as unknown as TraceContext;
  return { context, subsegments };
}

const CALL = { service: 'EventBridge', operation: 'PutEvents', region: 'eu-west-1' };

test('a call is an aws subsegment named after the service, with its operation, region, request id and retries', () => {
  const t = tracer();
  awsCallTracing(t.context).start(CALL)({ status: 200, requestId: 'r-1', retries: 1 });
  expect(t.subsegments).toHaveLength(1);
  const [sub] = t.subsegments;
  expect(sub).toMatchObject({
    name: 'EventBridge',
    closed: true,
    flags: [],
    attributes: {
      namespace: 'aws',
      aws: { operation: 'PutEvents', region: 'eu-west-1', retries: 1, request_id: 'r-1' },
      http: { response: { status: 200 } },
    },
  });
});

test.each([
  ['a refused input', { status: 400, errorType: 'ValidationException', retries: 0 }, ['error']],
  ['throttling', { status: 400, errorType: 'ThrottlingException', retries: 2 }, ['throttle', 'error']],
  ['a 429', { status: 429, errorType: 'TooManyRequestsException', retries: 2 }, ['throttle', 'error']],
  ['a failing service', { status: 500, errorType: 'InternalFailure', retries: 2 }, ['fault']],
  ['no answer at all', { status: null, errorType: 'TimeoutError', retries: 2 }, ['fault']],
])('%s is flagged as X-Ray means the flags', (_name, end, flags) => {
  const t = tracer();
  awsCallTracing(t.context).start(CALL)(end);
  expect(t.subsegments[0]!.flags).toEqual(flags);
  expect(t.subsegments[0]!.attributes).not.toHaveProperty(end.status === null ? 'http' : 'nothing');
});

test('with tracing off, nothing is added', () => {
  const t = tracer(false);
  awsCallTracing(t.context).start(CALL)({ status: 200, retries: 0 });
  expect(t.subsegments).toEqual([]);
});
