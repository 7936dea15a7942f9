import { PutEventsCommand, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { CommandPublisher } from '../../core/leads/manage-leads';

export class EventBridgeCommandPublisher implements CommandPublisher {
  constructor(
    private readonly client: EventBridgeClient,
    private readonly busName: string,
    private readonly source: string,
  ) {}

  async send(detailType: string, detail: Record<string, unknown>): Promise<void> {
    const out = await this.client.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: this.busName,
            Source: this.source,
            DetailType: detailType,
            Detail: JSON.stringify(detail),
          },
        ],
      }),
    );
    if (out.FailedEntryCount) throw new Error(`EventBridge rejected the ${detailType} command`);
  }
}
