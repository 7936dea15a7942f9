/**
 * What the deployed bundles put where the AWS SDK imports `@smithy/core/event-streams`, in the functions
 * whose clients have no event-stream operation (lib/constructs/lambda-bundling.ts decides which).
 *
 * The SDK's HTTP protocol loads its event-stream serde on first use, when an operation streams events
 * (Bedrock's ConverseStream, S3's SelectObjectContent). DynamoDB, SQS and KMS, the SDK clients the
 * functions but the `inbox` API use, have no such operation, yet the serde and its codecs were about 20 KiB of every bundle. Should one ever
 * be called, it fails here and says why. The local runtime and the tests do not bundle, and keep the real
 * module.
 */
const WHY =
  'event streams are not in this bundle: give the function the need of the client that streams (bedrock) in lib/function-needs.ts, or call S3 through platform/adapters/aws-http/s3-objects.ts';

export class EventStreamSerde {
  constructor() {
    throw new Error(WHY);
  }
}

export function eventStreamSerdeProvider(): never {
  throw new Error(WHY);
}

/** Called when a client with event-stream operations is built: such a client does not belong here. */
export function resolveEventStreamSerdeConfig(): never {
  throw new Error(WHY);
}
