/**
 * scheduledJob: the one composition every scheduled job's handler module declares — dependencies built
 * once per runtime, the use case run per invocation, its summary logged and returned, and the Lambda
 * export building its runtime on the first invocation only.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { ScheduledEvent } from 'aws-lambda';
import { createLambdaContext } from '../../local/lambda/lambda-context';
import { scheduledJob } from '../../lambdas/platform/handlers/scheduled-job';
import { quietTelemetry } from '../../lambdas/platform/handlers/telemetry';

const event: ScheduledEvent = {
  version: '0',
  id: 'e1',
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '111122223333',
  time: '2026-01-01T00:00:00Z',
  region: 'eu-west-1',
  resources: ['arn:aws:events:eu-west-1:111122223333:rule/test-job'],
  detail: {},
};
const context = () => createLambdaContext({ functionName: 'test-job' });

function runtime() {
  const logger = new Logger({ serviceName: 'test', logLevel: 'INFO' });
  const info = jest.spyOn(logger, 'info').mockImplementation(() => {});
  return { rt: { logger, telemetry: quietTelemetry(), label: 'rt' }, info };
}

function job(awsRuntime: () => ReturnType<typeof runtime>['rt'], fail = false) {
  const built: string[] = [];
  const runs: number[] = [];
  const mod = scheduledJob({
    name: 'test-job',
    awsRuntime,
    deps: (rt) => {
      built.push(rt.label);
      return { counter: runs };
    },
    run: async (deps) => {
      if (fail) throw new Error('the use case failed');
      deps.counter.push(deps.counter.length + 1);
      return { items: deps.counter.length, secret: 'never logged' };
    },
    summarize: (r) => ({ items: r.items }),
  });
  return { mod, built, runs };
}

it('builds the dependencies once per runtime, runs the use case per invocation, and logs and returns its summary', async () => {
  const { rt, info } = runtime();
  const { mod, built, runs } = job(() => rt);
  const handle = mod.createHandler(rt);

  await expect(handle(event, context())).resolves.toEqual({ items: 1 });
  await expect(handle(event, context())).resolves.toEqual({ items: 2 });

  expect(built).toEqual(['rt']);
  expect(runs).toEqual([1, 2]);
  expect(info).toHaveBeenCalledWith(
    'scheduled job done',
    expect.objectContaining({ job: 'test-job', items: 2, ms: expect.any(Number) }),
  );
  expect(JSON.stringify(info.mock.calls)).not.toContain('never logged');
});

it('the Lambda export builds its runtime from the environment on the first invocation only', async () => {
  const { rt } = runtime();
  const awsRuntime = jest.fn(() => rt);
  const { mod, built } = job(awsRuntime);

  expect(awsRuntime).not.toHaveBeenCalled();
  await mod.handler(event, context());
  await mod.handler(event, context());

  expect(awsRuntime).toHaveBeenCalledTimes(1);
  expect(built).toEqual(['rt']);
  expect(mod.awsRuntime).toBe(awsRuntime);
});

it('a use case that throws fails the invocation, and nothing is logged as done', async () => {
  const { rt, info } = runtime();
  const { mod } = job(() => rt, true);

  await expect(mod.createHandler(rt)(event, context())).rejects.toThrow('the use case failed');
  expect(info).not.toHaveBeenCalledWith('scheduled job done', expect.anything());
});
