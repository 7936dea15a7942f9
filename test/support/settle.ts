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
  // an event the bus accepted is on its way to a queue: it counts once it is there
  await rt.runtime.busSettled();
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
export async function untilIdle(rt: LocalRuntimeFixture, timeoutMs = 60_000, gapMs = 150): Promise<void> {
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

/**
 * Waits until a Meta webhook mentioning `text` (an id) has reached the bus, then until the queues are
 * idle: for what Meta sends on its own after a call (echoes, statuses), a moment after answering it.
 */
export async function untilMetaEchoHandled(rt: LocalRuntimeFixture, text: string): Promise<void> {
  await eventually(async () =>
    rt.runtime
      .events()
      .some(
        (e) =>
          e.envelope['detail-type'].startsWith('meta.') && JSON.stringify(e.envelope.detail).includes(text),
      )
      ? true
      : undefined,
  );
  await untilIdle(rt);
}
