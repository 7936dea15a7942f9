/** BatchWriteItem takes at most 25 requests (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html). */
const MAX_REQUESTS = 25;
const MAX_ATTEMPTS = 9;

/**
 * Writes requests in calls of 25, re-sending what DynamoDB reports as unprocessed, with backoff; fails
 * when some stay unprocessed. `writeChunk` makes one BatchWriteItem call and returns the unprocessed
 * requests, so the SDK's document client and the webhook's JSON client share this policy.
 */
export async function writeInBatches<R>(
  requests: readonly R[],
  writeChunk: (chunk: R[]) => Promise<R[] | undefined>,
): Promise<void> {
  for (let i = 0; i < requests.length; i += MAX_REQUESTS) {
    let pending: R[] | undefined = requests.slice(i, i + MAX_REQUESTS);
    for (let attempt = 0; pending && pending.length > 0; attempt++) {
      if (attempt >= MAX_ATTEMPTS) throw new Error('DynamoDB kept items unprocessed');
      if (attempt > 0) await new Promise((r) => setTimeout(r, 25 * 2 ** attempt));
      pending = await writeChunk(pending);
    }
  }
}
