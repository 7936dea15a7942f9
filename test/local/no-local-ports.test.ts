/**
 * One code path (issue 20): the local runtime stands in for AWS on the wire (KMS, Secrets Manager, S3, SQS,
 * EventBridge, DynamoDB endpoints), never by implementing a production port in-process. A file in local/
 * that names one of the ports an AWS service serves would be a second code path.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
/** ports whose production adapter talks to an AWS service */
const AWS_SERVED_PORTS = [
  'TokenVault',
  'SecretsProvider',
  'ExportStore',
  'EventPublisher',
  'CommandPublisher',
  'DataKeyStore',
  'DelayedJobSender',
  'IdempotencyStore',
  'ReplyAssistant',
];

const tsFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : tsFiles(full);
    return /\.(ts|mts|mjs)$/.test(e.name) ? [full] : [];
  });

it('no file in local/ implements a port that an AWS service serves in production', () => {
  const offenders = tsFiles(path.join(ROOT, 'local')).flatMap((file) => {
    const text = fs.readFileSync(file, 'utf8');
    return AWS_SERVED_PORTS.filter((port) => new RegExp(`\\b${port}\\b`).test(text)).map(
      (port) => `${path.relative(ROOT, file)}: ${port}`,
    );
  });
  expect(offenders).toEqual([]);
});

it('the ports it guards exist, so a rename cannot make the check pass by itself', () => {
  const sources = tsFiles(path.join(ROOT, 'lambdas'))
    .map((f) => fs.readFileSync(f, 'utf8'))
    .join('\n');
  for (const port of AWS_SERVED_PORTS)
    expect({ port, declared: new RegExp(`export interface ${port}\\b`).test(sources) }).toEqual({
      port,
      declared: true,
    });
});
