/**
 * CloudFormation refuses a stack of more than 500 resources
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html). With every
 * option on, the stack keeps room for the next features; one API invoke permission per function (not per
 * route) is what keeps it there.
 */
import path from 'node:path';
import { HTTP_FUNCTIONS } from '../../lambdas/app/route-table';
import { synth, type Synthesized } from './synth';

let s: Synthesized;
beforeAll(() => {
  s = synth(
    {
      metaAppId: '987654321012345',
      console: 'true',
      crmWebhookUrl: 'https://crm.example.com/meta-leads',
      backupRetentionDays: '35',
      alarmEmail: 'ops@example.com',
      corsAllowedOrigins: 'https://crm.example.com',
    },
    { consoleBuild: path.join(__dirname, 'fixtures', 'console-build') },
  );
});

test('with every option the stack stays well under 500 resources', () => {
  const count = Object.keys(s.template.toJSON().Resources).length;
  // 450 until the WhatsApp management module (an API function with 7 routes and the template-status
  // queue worker: about 30 resources) took it to 468
  expect(count).toBeLessThanOrEqual(475);
});

test('API Gateway may invoke each HTTP function through one permission, for this API only', () => {
  const fromApi = Object.values(s.template.findResources('AWS::Lambda::Permission')).filter(
    (p) => (p as { Properties: { Principal: string } }).Properties.Principal === 'apigateway.amazonaws.com',
  );
  expect(fromApi).toHaveLength(Object.keys(HTTP_FUNCTIONS).length);
  for (const p of fromApi)
    expect(JSON.stringify((p as { Properties: { SourceArn: unknown } }).Properties.SourceArn)).toMatch(
      /:execute-api:.*\{"Ref":"HttpApi[0-9A-F]+"\},"\/\*\/\*\/\*"/,
    );
});
