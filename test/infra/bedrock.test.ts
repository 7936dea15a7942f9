/**
 * AI drafts in AWS: with a Bedrock model configured, only the inbox API may invoke it, and only that
 * model; without one (the default, covered by the stack test) nothing may invoke any model.
 */
import { readConfig } from '../../lib/config';
import { HTTP_FUNCTION_NEEDS, QUEUE_WORKER_NEEDS, SCHEDULE_NEEDS } from '../../lib/function-needs';
import { asArray, identityStatements, logicalId, nagFindings, synth, type Json } from './synth';

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';

test('a configured model is invokable by the inbox function alone, by its ARN', () => {
  const s = synth({ metaAppId: '987654321012345', bedrockModelId: MODEL });
  const inbox = s.stack.httpFunctions.get('inbox')!;
  const fn = s.template.toJSON().Resources[logicalId(s.stack, inbox.fn)] as { Properties: Json };
  expect((fn.Properties.Environment as { Variables: Json }).Variables.BEDROCK_MODEL_ID).toBe(MODEL);
  const grants = identityStatements(s.template).filter(({ statement }) =>
    asArray(statement.Action).some((a) => a.startsWith('bedrock:')),
  );
  expect(grants).toHaveLength(1);
  expect(grants[0]!.statement.Action).toBe('bedrock:InvokeModel');
  expect(JSON.stringify(grants[0]!.statement.Resource)).toContain(`::foundation-model/${MODEL}`);
  const roleId = logicalId(s.stack, inbox.role);
  const policies = s.template.findResources('AWS::IAM::Policy');
  const owner = policies[grants[0]!.owner] as { Properties: { Roles: Array<{ Ref: string }> } };
  expect(owner.Properties.Roles).toEqual([{ Ref: roleId }]);
  expect(nagFindings(s.stack)).toEqual([]);
  // only the inbox API asks for a model
  const asking = [HTTP_FUNCTION_NEEDS, QUEUE_WORKER_NEEDS, SCHEDULE_NEEDS].flatMap((t) =>
    Object.entries(t)
      .filter(([, n]) => n.bedrock)
      .map(([k]) => k),
  );
  expect(asking).toEqual(['inbox']);
});

test('a model id that is not one is refused at synth', () => {
  const ctx = (v: Record<string, unknown>) => ({ tryGetContext: (k: string) => v[k] });
  expect(() => readConfig(ctx({ bedrockModelId: 'arn with spaces' }))).toThrow(/bedrockModelId/);
  expect(readConfig(ctx({ bedrockModelId: MODEL })).bedrockModelId).toBe(MODEL);
});
