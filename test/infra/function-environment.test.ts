/**
 * Every function starts from exactly the environment the stack gives it: it reads only the variables its
 * needs name (lib/function-needs.ts), and its handler module's `awsRuntime` builds from that environment.
 */
import path from 'node:path';
import { HTTP_FUNCTIONS } from '../../lambdas/app/route-table';
import { QUEUES, SCHEDULES } from '../../lambdas/app/topology';
import { handlerEntry } from '../../lambdas/platform/contracts/topology';
import type { FunctionKind } from '../../lib/function-needs';
import { REPO_ROOT } from '../../lib/paths';
import { logicalId, synth, type Json, type Synthesized } from './synth';

let s: Synthesized;
beforeAll(() => {
  s = synth({ metaAppId: '987654321012345' });
});

/** What a reference in the template stands for once deployed. */
const SAMPLE: Record<string, string> = {
  PUBLIC_BASE_URL: 'https://abc123.execute-api.eu-west-1.amazonaws.com',
  TOKEN_KEY_ARN: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  META_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:meta-AbCdEf',
};
const sample = (name: string) =>
  SAMPLE[name] ??
  (name.startsWith('QUEUE_URL_') ? `https://sqs.eu-west-1.amazonaws.com/1/${name}` : name.toLowerCase());

type Built = { fn: Parameters<typeof logicalId>[1] };

function allFunctions(): Array<{ kind: FunctionKind; name: string; entry: string; built: Built }> {
  return [
    ...[...s.stack.httpFunctions].map(([name, built]) => ({
      kind: 'http' as const,
      name,
      entry: HTTP_FUNCTIONS[name].entry,
      built,
    })),
    ...QUEUES.filter((q) => q.worker).map((q) => ({
      kind: 'queue' as const,
      name: q.name,
      entry: handlerEntry('queues', q.worker!),
      built: s.stack.workers.workers.get(q.name)!,
    })),
    ...SCHEDULES.map((j) => ({
      kind: 'schedule' as const,
      name: j.name,
      entry: handlerEntry('schedule', j.job),
      built: s.stack.schedules.jobs.get(j.name)!,
    })),
  ];
}

function environmentOf(built: Built): Json {
  const resource = s.template.findResources('AWS::Lambda::Function')[logicalId(s.stack, built.fn)] as {
    Properties: { Environment: { Variables: Json } };
  };
  return Object.fromEntries(
    Object.entries(resource.Properties.Environment.Variables).map(([k, v]) => [
      k,
      typeof v === 'string' ? v : sample(k),
    ]),
  );
}

/**
 * What Lambda itself adds to every function's environment: the region and the execution role's keys
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime).
 */
const LAMBDA_RUNTIME: Json = {
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'ASIAEXAMPLEROLEKEY01',
  AWS_SECRET_ACCESS_KEY: 'role-secret',
  AWS_SESSION_TOKEN: 'role-token',
};

it('each function starts from exactly the variables the stack gives it, beside those Lambda adds', () => {
  for (const { name, entry, built } of allFunctions()) {
    const env = { ...LAMBDA_RUNTIME, ...environmentOf(built) };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(REPO_ROOT, entry)) as { awsRuntime?: (env: Json) => unknown };
    expect([name, typeof mod.awsRuntime]).toEqual([name, 'function']);
    expect(() => mod.awsRuntime!(env)).not.toThrow();
  }
});
