/**
 * SQS, locally: fauxqs 1.9 (MIT) — the real SQS JSON wire API with long polling, visibility timeouts and
 * redrive to a dead-letter queue. fauxqs runs on a worker thread (see fauxqs-worker.mjs for why); queues
 * are created through the SQS API from topology.ts, the same list the CDK stack reads.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServiceWorkerThread } from './service-worker-thread';
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { QUEUES, type QueueSpec } from '../../lambdas/app/topology';
import { REPO_ROOT } from '../paths';
import { LOCAL_REGION, createSqsClient } from './aws-clients';

/** What the broker needs of a queue: its name, its visibility timeout and its redrive. */
export type BrokerQueueSpec = Pick<QueueSpec, 'name' | 'maxReceiveCount' | 'visibilityTimeoutSeconds'>;

export interface QueueBrokerOptions {
  /** queues to create; default: topology QUEUES */
  queues?: BrokerQueueSpec[];
  /**
   * replaces every queue's visibility timeout. The runtime never sets it (workers time their own
   * retries); it is for testing the poller alone, whose fixture workers do not.
   */
  visibilityTimeoutOverrideSeconds?: number;
}

export interface QueueBroker {
  /** `http://127.0.0.1:<port>` — the SQS endpoint */
  endpoint: string;
  queueUrls: Record<string, string>;
  dlqUrls: Record<string, string>;
  queueArns: Record<string, string>;
  dlqArns: Record<string, string>;
  /** visibility timeout each queue was created with (after any override) */
  visibilityTimeouts: Record<string, number>;
  close(): Promise<void>;
}

export const dlqName = (queueName: string): string => `${queueName}-dlq`;

/** 14 days, SQS's maximum, as DLQs are usually configured so nothing expires before someone looks. */
const DLQ_RETENTION_SECONDS = '1209600';

export async function startQueueBroker(options: QueueBrokerOptions = {}): Promise<QueueBroker> {
  const queues = options.queues ?? QUEUES;
  const thread = await startServiceWorkerThread<{ type: 'ready'; address: string }>(
    'fauxqs',
    path.join(__dirname, 'fauxqs-worker.mjs'),
    {
      fauxqsEntry: pathToFileURL(path.join(resolveFauxqsDir(), 'dist', 'app.js')).href,
      region: LOCAL_REGION,
    },
  );
  const endpoint = thread.ready.address.replace('http://localhost', 'http://127.0.0.1');
  const close = thread.close;

  const sqs = createSqsClient(endpoint);
  try {
    const broker: QueueBroker = {
      endpoint,
      queueUrls: {},
      dlqUrls: {},
      queueArns: {},
      dlqArns: {},
      visibilityTimeouts: {},
      close,
    };
    for (const spec of queues) {
      const dlq = await createQueue(sqs, dlqName(spec.name), {
        MessageRetentionPeriod: DLQ_RETENTION_SECONDS,
      });
      const visibility = options.visibilityTimeoutOverrideSeconds ?? spec.visibilityTimeoutSeconds;
      const main = await createQueue(sqs, spec.name, {
        VisibilityTimeout: String(visibility),
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: dlq.arn,
          maxReceiveCount: spec.maxReceiveCount,
        }),
      });
      broker.queueUrls[spec.name] = main.url;
      broker.queueArns[spec.name] = main.arn;
      broker.dlqUrls[spec.name] = dlq.url;
      broker.dlqArns[spec.name] = dlq.arn;
      broker.visibilityTimeouts[spec.name] = visibility;
    }
    return broker;
  } catch (err) {
    await close();
    throw err;
  } finally {
    sqs.destroy();
  }
}

async function createQueue(sqs: SQSClient, name: string, attributes: Record<string, string>) {
  const created = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  const url = created.QueueUrl;
  if (!url) throw new Error(`fauxqs returned no QueueUrl for ${name}`);
  const attrs = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
  );
  const arn = attrs.Attributes?.QueueArn;
  if (!arn) throw new Error(`fauxqs returned no QueueArn for ${name}`);
  return { url, arn };
}

/** fauxqs's package "exports" hide package.json and offer no `require` condition, so find it on disk. */
function resolveFauxqsDir(): string {
  const candidates = [
    path.join(REPO_ROOT, 'node_modules', 'fauxqs'),
    ...(require.resolve.paths('fauxqs') ?? []).map((p) => path.join(p, 'fauxqs')),
  ];
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, 'dist', 'app.js')));
  if (!found)
    throw new Error('fauxqs is not installed (expected node_modules/fauxqs/dist/app.js); run npm ci');
  return found;
}
