/**
 * The archive of the local bus and EventBridge's replay API on it: `StartReplay` and `DescribeReplay`
 * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_StartReplay.html), so `npm run ops --
 * replay` sends the same SDK commands to the local runtime as to AWS.
 *
 * As in EventBridge (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-archive.html): the archive
 * keeps every event of the service bus; a replay resends the archived events whose own `time` lies in
 * [EventStartTime, EventEndTime), oldest first, only to the bus that emitted them and, when FilterArns are
 * given, only to those rules; each replayed event carries `replay-name`, and replayed events are never
 * archived again. Differences, on purpose: the archive lives in memory and keeps the newest
 * {@link ARCHIVE_LIMIT} events (AWS keeps them for the archive's retention), and events are archived at
 * once (AWS recommends waiting 10 minutes before replaying recent events).
 */
import { AwsServiceError } from './aws-json-endpoint';
import type { EventBridgeEnvelope } from './event-bus';

export const ARCHIVE_LIMIT = 20_000;

/** EventBridge's pattern for replay names. */
const REPLAY_NAME = /^[.\-_A-Za-z0-9]{1,64}$/;

export type ReplayState = 'STARTING' | 'RUNNING' | 'COMPLETED' | 'FAILED';

export interface ReplayRecord {
  name: string;
  arn: string;
  eventSourceArn: string;
  destination: { Arn: string; FilterArns?: string[] };
  state: ReplayState;
  stateReason?: string;
  eventStartTime: Date;
  eventEndTime: Date;
  replayStartTime: Date;
  replayEndTime?: Date;
  eventLastReplayedTime?: Date;
}

export interface ReplayNames {
  busArn: string;
  archiveArn: string;
  /** rule name → ARN, for every rule of the bus */
  ruleArns: Record<string, string>;
  replayArn(name: string): string;
}

/** Delivers one replayed envelope to the named rules of the bus. */
export type ReplayDelivery = (envelope: EventBridgeEnvelope, ruleNames: readonly string[]) => Promise<void>;

export class BusArchive {
  private readonly events: EventBridgeEnvelope[] = [];

  record(envelope: EventBridgeEnvelope): void {
    // EventBridge's managed archive rule: replayed events are not archived again
    if ('replay-name' in envelope) return;
    this.events.push(envelope);
    if (this.events.length > ARCHIVE_LIMIT) this.events.splice(0, this.events.length - ARCHIVE_LIMIT);
  }

  /** Archived events whose time lies in [start, end), oldest first. */
  between(start: Date, end: Date): EventBridgeEnvelope[] {
    return this.events
      .filter((e) => {
        const t = Date.parse(e.time);
        return t >= start.getTime() && t < end.getTime();
      })
      .sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  }
}

export class BusReplays {
  private readonly replays = new Map<string, ReplayRecord>();
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly archive: BusArchive,
    private readonly names: ReplayNames,
    private readonly deliver: ReplayDelivery,
  ) {}

  /** `AWSEvents.StartReplay`: validates like EventBridge, answers STARTING, replays in the background. */
  start(input: Record<string, unknown>): Record<string, unknown> {
    const name = input.ReplayName;
    if (typeof name !== 'string' || !REPLAY_NAME.test(name))
      throw new AwsServiceError('ValidationException', 'Parameter ReplayName is not valid.');
    if (this.replays.has(name))
      throw new AwsServiceError('ResourceAlreadyExistsException', `Replay ${name} already exists.`);
    if (input.EventSourceArn !== this.names.archiveArn)
      throw new AwsServiceError(
        'ResourceNotFoundException',
        `Archive ${String(input.EventSourceArn)} does not exist.`,
      );
    const start = timestamp(input.EventStartTime, 'EventStartTime');
    const end = timestamp(input.EventEndTime, 'EventEndTime');
    if (start.getTime() >= end.getTime())
      throw new AwsServiceError(
        'ValidationException',
        'Parameter EventStartTime must be before EventEndTime.',
      );
    const destination = input.Destination as { Arn?: unknown; FilterArns?: unknown } | undefined;
    if (!destination || destination.Arn !== this.names.busArn)
      throw new AwsServiceError(
        'ValidationException',
        'Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted.',
      );
    const byArn = new Map(Object.entries(this.names.ruleArns).map(([rule, arn]) => [arn, rule]));
    let ruleNames = [...byArn.values()];
    if (destination.FilterArns !== undefined) {
      if (!Array.isArray(destination.FilterArns) || destination.FilterArns.length === 0)
        throw new AwsServiceError('ValidationException', 'Parameter Destination.FilterArns is not valid.');
      ruleNames = destination.FilterArns.map((arn) => {
        const rule = byArn.get(String(arn));
        if (!rule)
          throw new AwsServiceError('ResourceNotFoundException', `Rule ${String(arn)} does not exist.`);
        return rule;
      });
    }
    const record: ReplayRecord = {
      name,
      arn: this.names.replayArn(name),
      eventSourceArn: this.names.archiveArn,
      destination: {
        Arn: this.names.busArn,
        ...(Array.isArray(destination.FilterArns) ? { FilterArns: destination.FilterArns.map(String) } : {}),
      },
      state: 'STARTING',
      eventStartTime: start,
      eventEndTime: end,
      replayStartTime: new Date(),
    };
    this.replays.set(name, record);
    const run = this.run(record, ruleNames).finally(() => this.running.delete(run));
    this.running.add(run);
    return {
      ReplayArn: record.arn,
      State: record.state,
      ReplayStartTime: seconds(record.replayStartTime),
    };
  }

  /** `AWSEvents.DescribeReplay`. */
  describe(input: Record<string, unknown>): Record<string, unknown> {
    const record = typeof input.ReplayName === 'string' ? this.replays.get(input.ReplayName) : undefined;
    if (!record)
      throw new AwsServiceError(
        'ResourceNotFoundException',
        `Replay ${String(input.ReplayName)} does not exist.`,
      );
    return {
      ReplayName: record.name,
      ReplayArn: record.arn,
      EventSourceArn: record.eventSourceArn,
      Destination: record.destination,
      State: record.state,
      ...(record.stateReason ? { StateReason: record.stateReason } : {}),
      EventStartTime: seconds(record.eventStartTime),
      EventEndTime: seconds(record.eventEndTime),
      ReplayStartTime: seconds(record.replayStartTime),
      ...(record.eventLastReplayedTime
        ? { EventLastReplayedTime: seconds(record.eventLastReplayedTime) }
        : {}),
      ...(record.replayEndTime ? { ReplayEndTime: seconds(record.replayEndTime) } : {}),
    };
  }

  /** Waits for replays in progress (the bus closes after them). */
  async settle(): Promise<void> {
    await Promise.all([...this.running]);
  }

  private async run(record: ReplayRecord, ruleNames: readonly string[]): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    record.state = 'RUNNING';
    try {
      for (const event of this.archive.between(record.eventStartTime, record.eventEndTime)) {
        await this.deliver({ ...event, 'replay-name': record.name } as EventBridgeEnvelope, ruleNames);
        record.eventLastReplayedTime = new Date(Date.parse(event.time));
      }
      record.state = 'COMPLETED';
      record.stateReason = 'Replay completed';
    } catch (err) {
      record.state = 'FAILED';
      record.stateReason = err instanceof Error ? err.message : String(err);
    }
    record.replayEndTime = new Date();
  }
}

/** awsJson timestamps are epoch seconds (the SDK may send fractions). */
function timestamp(value: unknown, name: string): Date {
  const date =
    typeof value === 'number'
      ? new Date(value * 1000)
      : typeof value === 'string'
        ? new Date(value)
        : undefined;
  if (!date || Number.isNaN(date.getTime()))
    throw new AwsServiceError('ValidationException', `Parameter ${name} is not valid.`);
  return date;
}

const seconds = (date: Date): number => date.getTime() / 1000;
