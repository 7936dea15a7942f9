/**
 * EventBridge's PutEvents, the one EventBridge operation the functions call
 * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html). The answer is read
 * through a schema: only the fields the bus reads, each bounded.
 */
import * as z from '../../contracts/zod';
import type { AwsJsonClient } from './aws-json-client';
import { readAnswer } from './read-answer';

export interface PutEventsEntry {
  EventBusName: string;
  Source: string;
  DetailType: string;
  Detail: string;
}

const PutEventsAnswer = z.object({
  FailedEntryCount: z.optional(z.number()),
  Entries: z.optional(
    z
      .array(
        z.object({
          EventId: z.optional(z.string()),
          ErrorCode: z.optional(z.string()),
          ErrorMessage: z.optional(z.string()),
        }),
      )
      .check(z.maxLength(10)),
  ),
});
export type PutEventsOutput = z.output<typeof PutEventsAnswer>;

export interface EventBridgeApi {
  putEvents(input: { Entries: PutEventsEntry[] }): Promise<PutEventsOutput>;
}

export const eventBridgeApi = (client: AwsJsonClient): EventBridgeApi => ({
  putEvents: async (input) => readAnswer(PutEventsAnswer, await client.call('PutEvents', input), 'PutEvents'),
});
