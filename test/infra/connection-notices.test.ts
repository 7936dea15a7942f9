/**
 * Connection notices in the stack: one rule per notice event on the connector bus, its text put together
 * by EventBridge's input transformer from the shared parts, an encrypted topic EventBridge may publish to
 * and use the key of, the email subscription (noticeEmail, else alarmEmail), and an alarmed DLQ.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { CONNECTION_NOTICES, NOTICE_EVENTS } from '../../lambdas/app/connection-notices';
import { EVENT_SOURCE } from '../../lambdas/app/topology';
import { logicalId, synth, type Json, type Synthesized } from './synth';

let s: Synthesized;
beforeAll(() => {
  s = synth({
    metaAppId: '987654321012345',
    alarmEmail: 'ops@example.com',
    noticeEmail: 'crm-admin@example.com',
  });
});

const props = (resource: unknown) => (resource as { Properties: Json }).Properties;

test('each notice event has its rule, with the shared text as the SNS message', () => {
  expect(NOTICE_EVENTS).toEqual(['connection.expiring', 'connection.expired']);
  const topic = { Ref: logicalId(s.stack, s.stack.notices.topic) };
  for (const detailType of NOTICE_EVENTS) {
    const [, rule] = Object.entries(s.template.findResources('AWS::Events::Rule')).find(
      ([, r]) => (props(r).EventPattern as Json | undefined)?.['detail-type']?.toString() === detailType,
    )!;
    expect(props(rule).EventPattern).toEqual({ source: [EVENT_SOURCE], 'detail-type': [detailType] });
    const [target] = props(rule).Targets as Json[];
    expect(target!.Arn).toEqual(topic);
    expect(target!.DeadLetterConfig).toEqual({
      Arn: { 'Fn::GetAtt': [logicalId(s.stack, s.stack.notices.dlq), 'Arn'] },
    });
    const transformer = target!.InputTransformer as {
      InputPathsMap: Record<string, string>;
      InputTemplate: string;
    };
    // every literal part in order, every field as an input path
    let rest = JSON.parse(transformer.InputTemplate) as string;
    for (const part of CONNECTION_NOTICES[detailType]!) {
      if (typeof part === 'string') {
        expect(rest.startsWith(part)).toBe(true);
        rest = rest.slice(part.length);
      } else {
        const [name] = Object.entries(transformer.InputPathsMap).find(([, p]) => p === part.path)!;
        expect(rest.startsWith(`<${name}>`)).toBe(true);
        rest = rest.slice(name.length + 2);
      }
    }
    expect(rest).toBe('');
  }
});

test('the topic is encrypted with the telemetry key, which EventBridge of this account may use', () => {
  s.template.hasResourceProperties('AWS::SNS::Topic', {
    DisplayName: 'Meta connector: connections to renew',
    KmsMasterKeyId: { 'Fn::GetAtt': [logicalId(s.stack, s.stack.telemetryKey.key), 'Arn'] },
  });
  s.template.hasResourceProperties('AWS::KMS::Key', {
    KeyPolicy: {
      Statement: Match.arrayWith([
        Match.objectLike({
          Sid: 'EventBridgeOfThisAccountToEncryptedTopic',
          Principal: { Service: 'events.amazonaws.com' },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
        }),
      ]),
    },
  });
  s.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
    PolicyDocument: {
      Statement: Match.arrayWith([
        Match.objectLike({ Action: 'sns:Publish', Principal: { Service: 'events.amazonaws.com' } }),
      ]),
    },
  });
});

test('notices go to noticeEmail (else alarmEmail); what cannot be delivered waits in an alarmed DLQ', () => {
  s.template.hasResourceProperties('AWS::SNS::Subscription', {
    Protocol: 'email',
    Endpoint: 'crm-admin@example.com',
    TopicArn: { Ref: logicalId(s.stack, s.stack.notices.topic) },
    RedrivePolicy: {
      deadLetterTargetArn: { 'Fn::GetAtt': [logicalId(s.stack, s.stack.notices.dlq), 'Arn'] },
    },
  });
  const fallback = synth({ metaAppId: '987654321012345', alarmEmail: 'ops@example.com' });
  fallback.template.hasResourceProperties('AWS::SNS::Subscription', {
    Endpoint: 'ops@example.com',
    TopicArn: { Ref: logicalId(fallback.stack, fallback.stack.notices.topic) },
  });
  expect(() => synth({ metaAppId: '987654321012345', noticeEmail: 'not an address' })).toThrow(
    /context "noticeEmail": "not an address" is not an email address/,
  );
});
