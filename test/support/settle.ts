/**
 * "Nothing more will happen": every work queue empty, nothing in flight and nothing delayed, seen twice
 * in a row. A test that asserts something did NOT happen waits for this instead of sleeping a guess.
 */
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { LocalRuntimeFixture } from './local-runtime';
import { eventually } from './meta-connect';

const COUNTS = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
] as const;

async function busy(rt: LocalRuntimeFixture): Promise<number> {
  const sqs = rt.runtime.clients.sqs;
  const totals = await Promise.all(
    Object.values(rt.runtime.queues.urls).map(async (QueueUrl) => {
      const out = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: [...COUNTS] }));
      return COUNTS.reduce((n, k) => n + Number(out.Attributes?.[k] ?? 0), 0);
    }),
  );
  return totals.reduce((a, b) => a + b, 0);
}

/** Resolves once the work queues stayed idle across two polls `gapMs` apart (budget: `timeoutMs`). */
export async function settled(rt: LocalRuntimeFixture, timeoutMs = 60_000, gapMs = 150): Promise<void> {
  await eventually(
    async () => {
      if ((await busy(rt)) > 0) return undefined;
      await new Promise((r) => setTimeout(r, gapMs));
      return (await busy(rt)) === 0 ? true : undefined;
    },
    timeoutMs,
    gapMs,
  );
}
