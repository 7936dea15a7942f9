/**
 * The app exactly as bin/app.ts builds it (lib/connector-app.ts), synthesized the way `cdk synth` does, with
 * CDK's validation plugins: the three cdk-nag packs must run and pass. Removing a pack, or leaving a finding
 * unacknowledged, fails here.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { buildConnectorApp, type ConnectorApp } from '../../lib/connector-app';
import { acknowledge, NAG_PACK_NAMES } from '../../lib/nag';
import { entryOrFixture } from './synth';

interface PluginReport {
  pluginName: string;
  conclusion: string;
  violations: Array<{ ruleName: string; violatingConstructs: Array<{ constructPath: string }> }>;
}

const outdirs: string[] = [];
afterAll(() => {
  for (const dir of outdirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** What `cdk synth` does with bin/app.ts, minus bundling and CloudFormation's own schema check (slow). */
function connectorApp(context: Record<string, unknown>): { app: App; built: ConnectorApp; outdir: string } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'mbc-nag-'));
  outdirs.push(outdir);
  const app = new App({
    outdir,
    context: { 'aws:cdk:bundling-stacks': [], metaAppId: '987654321012345', ...context },
    builtinCloudFormationValidation: false,
  });
  return { app, built: buildConnectorApp(app, { resolveEntry: entryOrFixture }), outdir };
}

function synthReport(app: App, outdir: string): { error?: Error; reports: PluginReport[] } {
  let error: Error | undefined;
  try {
    app.synth();
  } catch (err) {
    error = err as Error;
  }
  const report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as {
    pluginReports: PluginReport[];
  };
  return { ...(error ? { error } : {}), reports: report.pluginReports };
}

const findings = (reports: PluginReport[]) =>
  reports.flatMap((r) =>
    r.violations.flatMap((v) => v.violatingConstructs.map((c) => `${v.ruleName} at ${c.constructPath}`)),
  );

test('the app runs the AwsSolutions, Serverless and NIST 800-53 R5 packs', () => {
  const { built } = connectorApp({});
  expect(built.packs.map((p) => p.name)).toEqual([...NAG_PACK_NAMES]);
});

test.each([
  ['the default deployment', { alarmEmail: 'ops@example.com' }],
  [
    'a daily backup plan, no reservations, no alarm email',
    { backupRetentionDays: '35', reservedConcurrency: 'off' },
  ],
])('%s synthesizes with every pack and no unacknowledged finding', (_name, context) => {
  const { app, outdir } = connectorApp(context);
  const { error, reports } = synthReport(app, outdir);
  expect(findings(reports)).toEqual([]);
  expect(error).toBeUndefined();
});

test('each pack fails the synth on a finding nobody acknowledged', () => {
  const { app, built, outdir } = connectorApp({});
  // a queue without DLQ or TLS policy and an unencrypted log group: one finding for each pack at least
  const careless = new Construct(built.stack, 'Careless');
  new sqs.Queue(careless, 'Queue');
  new logs.LogGroup(careless, 'Logs');
  const { error, reports } = synthReport(app, outdir);
  expect(error).toBeDefined();
  const failed = reports.filter((r) => r.conclusion === 'failure').map((r) => r.pluginName);
  expect(failed.sort()).toEqual([...NAG_PACK_NAMES].sort());
  expect(findings(reports).every((f) => f.includes('/Careless/'))).toBe(true);
});

test('an acknowledgment needs a written reason and a pack the app runs', () => {
  const scope = new Construct(new App(), 'Scope');
  expect(() => acknowledge(scope, { id: 'Serverless-LambdaDLQ', reason: 'not needed' })).toThrow(
    /written reason/,
  );
  expect(() =>
    acknowledge(scope, {
      id: 'HIPAA.Security-LambdaDLQ' as never,
      reason: 'a reason that is long enough to pass the length check',
    }),
  ).toThrow(/names no pack/);
});
