/**
 * The Lambda composition root's telemetry, in processes of their own (loading the X-Ray SDK turns on
 * async hooks for the whole process, which no test worker should inherit): with tracing on, the AWS SDK
 * clients are captured; with POWERTOOLS_TRACE_ENABLED=false, the X-Ray SDK is not even loaded.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const probe = (mode: 'on' | 'off') =>
  JSON.parse(
    execFileSync(
      process.execPath,
      ['--import', 'tsx', path.join(__dirname, 'fixtures', 'lambda-telemetry-probe.ts'), mode],
      { encoding: 'utf8', env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } },
    ),
  );

it('traces in Lambda: every AWS SDK client captured as X-Ray subsegments', () => {
  expect(probe('on')).toEqual({
    tracing: true,
    xraySdkLoaded: true,
    clientsCaptured: [true, true],
    namespace: 'ProbeStack',
  });
});

it('POWERTOOLS_TRACE_ENABLED=false: no tracer, and the X-Ray SDK never loaded', () => {
  expect(probe('off')).toEqual({
    tracing: false,
    xraySdkLoaded: false,
    clientsCaptured: [false, false],
    namespace: 'ProbeStack',
  });
});
