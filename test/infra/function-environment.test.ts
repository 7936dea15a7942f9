/**
 * A function moved into a module reads only the variables its needs give it (lib/function-needs.ts):
 * its handler module's `awsRuntime` starts from exactly the environment the stack sets, and from nothing
 * less. Functions still under lambdas/handlers read the whole environment (the old composition root).
 */
import { HTTP_FUNCTIONS } from '../../lambdas/app/route-table';
import { QUEUES, SCHEDULES } from '../../lambdas/app/topology';
import { handlerEntry } from '../../lambdas/platform/contracts/topology';
import { REPO_ROOT } from '../../lib/paths';
import { logicalId, synth, type Json, type Synthesized } from './synth';
import path from 'node:path';

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

function moduleFunctions(): Array<[string, string, { fn: unknown }]> {
  return [
    ...[...s.stack.httpFunctions].map(
      ([n, f]) => [n, HTTP_FUNCTIONS[n].entry, f] as [string, string, { fn: unknown }],
    ),
    ...QUEUES.filter((q) => q.worker).map(
      (q) =>
        [q.name, handlerEntry('queues', q.worker!), s.stack.workers.workers.get(q.name)!] as [
          string,
          string,
          { fn: unknown },
        ],
    ),
    ...SCHEDULES.map(
      (j) =>
        [j.name, handlerEntry('schedule', j.job), s.stack.schedules.jobs.get(j.name)!] as [
          string,
          string,
          { fn: unknown },
        ],
    ),
  ].filter(([, entry]) => !entry.startsWith('lambdas/handlers/'));
}

it('moved functions exist (readiness at least)', () => {
  expect(moduleFunctions().map(([name]) => name)).toContain('public');
});

it('each moved function starts from exactly the variables the stack gives it', () => {
  const functions = s.template.findResources('AWS::Lambda::Function');
  for (const [name, entry, built] of moduleFunctions()) {
    const resource = functions[logicalId(s.stack, (built as { fn: Parameters<typeof logicalId>[1] }).fn)] as {
      Properties: { Environment: { Variables: Json } };
    };
    const env = Object.fromEntries(
      Object.entries(resource.Properties.Environment.Variables).map(([k, v]) => [
        k,
        typeof v === 'string' ? v : sample(k),
      ]),
    );
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(REPO_ROOT, entry)) as { awsRuntime?: (env: Json) => unknown };
    expect([name, typeof mod.awsRuntime]).toEqual([name, 'function']);
    expect(() => mod.awsRuntime!(env)).not.toThrow();
  }
});
