import type { ScheduledEvent } from 'aws-lambda';
import { createScheduler, parseRate } from '../../local/infra/scheduler';
import { createHandlerLoader } from '../../local/lambda/handler-loader';
import { REPO_ROOT } from '../../local/paths';
import { SCHEDULES } from '../../lambdas/app/topology';

describe('scheduler', () => {
  it('parses EventBridge rate expressions', () => {
    expect(parseRate('rate(1 minute)')).toBe(60_000);
    expect(parseRate('rate(15 minutes)')).toBe(900_000);
    expect(parseRate('rate(2 hours)')).toBe(7_200_000);
    expect(parseRate('rate(1 day)')).toBe(86_400_000);
    expect(() => parseRate('cron(0 * * * ? *)')).toThrow(/unsupported/);
    expect(() => parseRate('rate(0 minutes)')).toThrow();
    for (const s of SCHEDULES) expect(parseRate(s.rate)).toBeGreaterThan(0);
  });

  it('runs a job now with a Scheduled Event', async () => {
    const deps = { ticks: [] as ScheduledEvent[] };
    const scheduler = createScheduler({
      loader: createHandlerLoader(REPO_ROOT, () => deps),
      schedules: [{ name: 'tick', rate: 'rate(1 minute)', job: 'tick-job' }],
      entryFor: (s) => `test/local/fixtures/${s.job}.ts`,
    });
    await scheduler.runNow('tick');
    expect(deps.ticks).toHaveLength(1);
    expect(deps.ticks[0]).toMatchObject({
      version: '0',
      source: 'aws.events',
      'detail-type': 'Scheduled Event',
      account: '000000000000',
      region: 'us-east-1',
      resources: ['arn:aws:events:us-east-1:000000000000:rule/tick'],
      detail: {},
    });
    await expect(scheduler.runNow('nope')).rejects.toThrow(/unknown schedule/);
    await scheduler.stop();
  });

  it("gives a job its deployed timeout, not the HTTP default (middy cuts a job at its context's time)", async () => {
    const deps = { ticks: [] as ScheduledEvent[], remainingMs: [] as number[] };
    const scheduler = createScheduler({
      loader: createHandlerLoader(REPO_ROOT, () => deps),
      schedules: [{ name: 'tick', rate: 'rate(1 day)', job: 'tick-job' }],
      entryFor: (s) => `test/local/fixtures/${s.job}.ts`,
      timeoutMsFor: () => 900_000,
    });
    await scheduler.runNow('tick');
    expect(deps.remainingMs[0]).toBeGreaterThan(800_000);
    await scheduler.stop();
  });
});
