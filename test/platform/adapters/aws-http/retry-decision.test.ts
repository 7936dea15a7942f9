import { AwsCallError } from '../../../../lambdas/platform/adapters/aws-http/aws-call-error';
import { retryDecision } from '../../../../lambdas/platform/adapters/aws-http/retry-decision';

const answered = (name: string, status: number) => new AwsCallError(name, 'm', { httpStatusCode: status });
const network = (code: string) => new AwsCallError('Error', 'm', {}, code);
const HALF = () => 0.5;

test.each([
  [
    'ThrottlingException 400',
    answered('ThrottlingException', 400),
    { retry: true, reason: 'throttled', delayMs: 500 },
  ],
  ['any 429', answered('Whatever', 429), { retry: true, reason: 'throttled', delayMs: 500 }],
  [
    'ProvisionedThroughputExceededException',
    answered('ProvisionedThroughputExceededException', 400),
    { retry: true, reason: 'throttled', delayMs: 500 },
  ],
  [
    'InternalFailure 500',
    answered('InternalFailure', 500),
    { retry: true, reason: 'transient', delayMs: 100 },
  ],
  ['503', answered('ServiceUnavailable', 503), { retry: true, reason: 'transient', delayMs: 100 }],
  [
    'a 501 the service answered',
    answered('NotImplemented', 501),
    { retry: true, reason: 'server_error', delayMs: 100 },
  ],
  ['a reset connection', network('ECONNRESET'), { retry: true, reason: 'transient', delayMs: 100 }],
  ['our deadline', new AwsCallError('TimeoutError', 'm'), { retry: true, reason: 'transient', delayMs: 100 }],
  ['ValidationException', answered('ValidationException', 400), { retry: false, reason: 'not_retryable' }],
  [
    'AccessDeniedException',
    answered('AccessDeniedException', 400),
    { retry: false, reason: 'not_retryable' },
  ],
  [
    'missing credentials',
    new AwsCallError('CredentialsProviderError', 'm'),
    { retry: false, reason: 'not_retryable' },
  ],
])('after a first attempt, %s', (_name, error, decision) => {
  expect(retryDecision(error, 1, 3, HALF)).toEqual(decision);
});

test('the waits double per attempt, with full jitter, and the third failure is final', () => {
  const e = answered('InternalFailure', 500);
  expect(retryDecision(e, 2, 3, () => 0.999)).toEqual({ retry: true, reason: 'transient', delayMs: 399 });
  expect(retryDecision(e, 1, 3, () => 0)).toEqual({ retry: true, reason: 'transient', delayMs: 0 });
  expect(retryDecision(e, 3, 3, HALF)).toEqual({ retry: false, reason: 'attempts_exhausted' });
});
