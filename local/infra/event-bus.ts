/**
 * EventBridge, locally. No maintained emulator exists, so this is a small HTTP server that speaks the part
 * of EventBridge's wire API the service uses — `AWSEvents.PutEvents` over awsJson 1.1 — so handlers publish
 * through the production `@aws-sdk/client-eventbridge` code path. Rules are topology.ts BUS_RULES
 * (`source` + exact `detail-type`), targets are SQS queues, and delivery is an SQS message holding the
 * EventBridge envelope JSON, which is what an EventBridge → SQS target puts in the message body (sent in
 * batches: send-batcher.ts).
 *
 * As in AWS, PutEvents answers once the events are accepted, and delivery to the rule targets follows on
 * its own (EventBridge retries a target for up to 24 hours after the publisher had its answer:
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-retry-policy.html), so a publisher's
 * answer never waits for SQS. An accepted
 * event is in the ring of recent events at once (its `deliveries` fill in as they complete); the ring is
 * served on `GET /_bus/events` so people and tests can see what the service published, and closing the bus
 * waits for the deliveries still under way. The bus also archives its events and replays a time window of them (`StartReplay`,
 * `DescribeReplay`: bus-replays.ts), so an operator's replay works locally as it does in AWS.
 */
import { randomUUID } from 'node:crypto';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { SendBatcher } from './send-batcher';
import { BUS_RULES, type BusRuleSpec } from '../../lambdas/app/topology';
import { silentLog, type LocalLog } from '../log';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from './aws-clients';
import { AwsServiceError, sendJson, startAwsJsonEndpoint } from './aws-json-endpoint';
import { BusArchive, BusReplays } from './bus-replays';

const eventsArn = (resource: string) => `arn:aws:events:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:${resource}`;
/** ARNs of the local bus, its archive and its rules, as EventBridge would name them. */
export const localBusArn = (busName: string) => eventsArn(`event-bus/${busName}`);
export const localArchiveArn = (busName: string) => eventsArn(`archive/${busName}-archive`);
export const localRuleArn = (busName: string, rule: string) => eventsArn(`rule/${busName}/${rule}`);

export interface EventBusOptions {
  /** the service's custom bus; events for it are matched against `rules` */
  busName: string;
  /** default: topology BUS_RULES (tests inject their own) */
  rules?: BusRuleSpec[];
  /** logical queue name → queue URL, for rule targets */
  queueUrls: Record<string, string>;
  sqs: SQSClient;
  /** how many recent events to keep for `events()` (default 1000) */
  ringSize?: number;
  /** sees every accepted event as it is accepted, before its rule deliveries (the ring forgets; observers do not) */
  onEvent?: (record: BusEventRecord) => void;
  log?: LocalLog;
}

/** The envelope EventBridge hands to targets. */
export interface EventBridgeEnvelope {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: unknown;
  /** set on events an archive replay resends */
  'replay-name'?: string;
}

export interface BusDelivery {
  rule: string;
  queue: string;
  messageId?: string;
  error?: string;
}

export interface BusEventRecord {
  eventBusName: string;
  envelope: EventBridgeEnvelope;
  /** one per matched rule, added as each delivery completes */
  deliveries: BusDelivery[];
}

export interface BusEventFilter {
  detailType?: string;
  source?: string;
}

export interface LocalEventBus {
  /** `http://127.0.0.1:<port>` — the EventBridge endpoint for the SDK client */
  url: string;
  busArn: string;
  /** the archive every event of the service bus is kept in, for StartReplay */
  archiveArn: string;
  /** rule name → ARN */
  ruleArns: Record<string, string>;
  /** recent events, oldest first */
  events(filter?: BusEventFilter): BusEventRecord[];
  /** resolves when every event accepted or replayed so far is in its rules' queues (or its delivery failed) */
  settled(): Promise<void>;
  clear(): void;
  close(): Promise<void>;
}

/** EventBridge's documented limits for PutEvents. */
export const PUT_EVENTS_MAX_ENTRIES = 10;
export const PUT_EVENTS_MAX_BYTES = 256 * 1024;

export async function startEventBus(options: EventBusOptions): Promise<LocalEventBus> {
  const rules = options.rules ?? BUS_RULES;
  const ringSize = options.ringSize ?? 1000;
  const log = options.log ?? silentLog;
  const ring: BusEventRecord[] = [];
  const batcher = new SendBatcher(options.sqs);
  /** deliveries accepted events are still waiting for; closing the bus waits for them */
  const underWay = new Set<Promise<void>>();
  const settled = async () => {
    await Promise.all(underWay);
    await replays.settle();
  };

  const events = (filter: BusEventFilter = {}) =>
    ring.filter(
      (r) =>
        (!filter.detailType || r.envelope['detail-type'] === filter.detailType) &&
        (!filter.source || r.envelope.source === filter.source),
    );

  const deliver = async (
    envelope: EventBridgeEnvelope,
    onlyRules?: readonly string[],
  ): Promise<BusDelivery[]> => {
    const matched = rules.filter(
      (r) =>
        r.source === envelope.source &&
        r.detailTypes.includes(envelope['detail-type']) &&
        (!onlyRules || onlyRules.includes(r.name)),
    );
    return Promise.all(
      matched.map(async (rule): Promise<BusDelivery> => {
        const queueUrl = options.queueUrls[rule.queue];
        if (!queueUrl) {
          log.error('bus', `rule ${rule.name} targets unknown queue ${rule.queue}`);
          return { rule: rule.name, queue: rule.queue, error: 'unknown queue' };
        }
        // EventBridge retries failed target deliveries; a few quick attempts are plenty on loopback.
        let lastError: unknown;
        for (let attempt = 0; attempt < 3; attempt++) {
          try {
            const messageId = await batcher.send(queueUrl, JSON.stringify(envelope));
            return { rule: rule.name, queue: rule.queue, messageId };
          } catch (err) {
            lastError = err;
            await new Promise((r) => setTimeout(r, 50 * (attempt + 1)));
          }
        }
        log.error(
          'bus',
          `delivery of ${envelope['detail-type']} ${envelope.id} to ${rule.queue} failed`,
          lastError,
        );
        return {
          rule: rule.name,
          queue: rule.queue,
          error: String((lastError as Error)?.message ?? lastError),
        };
      }),
    );
  };

  const remember = (record: BusEventRecord) => {
    ring.push(record);
    if (ring.length > ringSize) ring.splice(0, ring.length - ringSize);
  };
  const archive = new BusArchive();
  const ruleArns = Object.fromEntries(rules.map((r) => [r.name, localRuleArn(options.busName, r.name)]));
  const replays = new BusReplays(
    archive,
    {
      busArn: localBusArn(options.busName),
      archiveArn: localArchiveArn(options.busName),
      ruleArns,
      replayArn: (name) => eventsArn(`replay/${name}`),
    },
    async (envelope, ruleNames) => {
      const deliveries = await deliver(envelope, ruleNames);
      // a replayed event is only evaluated against the replay's rules; one that matched none went nowhere
      if (deliveries.length > 0) remember({ eventBusName: options.busName, envelope, deliveries });
      const failed = deliveries.find((d) => d.error);
      if (failed) throw new Error(`delivery of ${envelope.id} to ${failed.queue} failed: ${failed.error}`);
    },
  );

  const putEvents = async (input: Record<string, unknown>) => {
    const entries = input.Entries;
    if (!Array.isArray(entries)) {
      throw invalid(
        "1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null",
      );
    }
    if (entries.length < 1 || entries.length > PUT_EVENTS_MAX_ENTRIES) {
      throw invalid(
        `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length ${entries.length < 1 ? 'greater than or equal to 1' : `less than or equal to ${PUT_EVENTS_MAX_ENTRIES}`}`,
      );
    }
    const total = entries.reduce((sum: number, e) => sum + entrySize(e), 0);
    if (total > PUT_EVENTS_MAX_BYTES) {
      throw invalid('Total size of the entries in the request is over the limit.');
    }
    // Entries are delivered side by side, as EventBridge does; the answer keeps their order.
    const results = await Promise.all(
      (entries as Array<Record<string, unknown>>).map(
        async (raw): Promise<{ EventId: string } | { ErrorCode: string; ErrorMessage: string }> => {
          const checked = checkEntry(raw, options.busName);
          if ('ErrorCode' in checked) {
            log.warn('bus', `PutEvents entry rejected: ${checked.ErrorCode} ${checked.ErrorMessage}`);
            return checked;
          }
          const envelope: EventBridgeEnvelope = {
            version: '0',
            id: randomUUID(),
            'detail-type': checked.detailType,
            source: checked.source,
            account: LOCAL_ACCOUNT_ID,
            time: checked.time,
            region: LOCAL_REGION,
            resources: checked.resources,
            detail: checked.detail,
          };
          const record: BusEventRecord = { eventBusName: checked.busName, envelope, deliveries: [] };
          remember(record);
          options.onEvent?.(record);
          // Only the service's bus has rules; the default bus accepts events and routes them nowhere.
          if (checked.busName !== options.busName) {
            log.info('bus', `${envelope.source} ${envelope['detail-type']} ${envelope.id}`);
            return { EventId: envelope.id };
          }
          archive.record(envelope);
          const delivering = deliver(envelope).then(
            (done) => {
              record.deliveries.push(...done);
              log.info(
                'bus',
                `${envelope.source} ${envelope['detail-type']} ${envelope.id}${done.length ? ` → ${done.map((d) => d.queue).join(', ')}` : ''}`,
              );
            },
            (err: unknown) => log.error('bus', `delivery of ${envelope.id} failed`, err),
          );
          underWay.add(delivering);
          void delivering.finally(() => underWay.delete(delivering));
          return { EventId: envelope.id };
        },
      ),
    );
    return { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results };
  };

  const endpoint = await startAwsJsonEndpoint({
    name: 'bus',
    targetPrefix: 'AWSEvents',
    operations: {
      PutEvents: putEvents,
      StartReplay: (input) => replays.start(input),
      DescribeReplay: (input) => replays.describe(input),
    },
    log,
    otherRoute: (req, res, url) => {
      if (url.pathname !== '/_bus/events') return false;
      req.resume();
      if (req.method === 'GET') {
        const filter: BusEventFilter = {};
        const detailType = url.searchParams.get('detailType');
        const source = url.searchParams.get('source');
        if (detailType) filter.detailType = detailType;
        if (source) filter.source = source;
        sendJson(res, 200, 'application/json', { events: events(filter) });
      } else if (req.method === 'DELETE') {
        ring.length = 0;
        res.writeHead(204).end();
      } else sendJson(res, 405, 'application/json', { message: 'Method Not Allowed' });
      return true;
    },
  });

  return {
    url: endpoint.url,
    busArn: localBusArn(options.busName),
    archiveArn: localArchiveArn(options.busName),
    ruleArns,
    events,
    settled,
    clear: () => {
      ring.length = 0;
    },
    close: async () => {
      await settled();
      await endpoint.close();
    },
  };
}

function invalid(message: string) {
  return new AwsServiceError('ValidationException', message);
}

/** EventBridge's documented entry-size formula: Time counts 14 bytes, strings count their UTF-8 bytes. */
export function entrySize(entry: unknown): number {
  const e = (entry ?? {}) as Record<string, unknown>;
  const bytes = (v: unknown) => (typeof v === 'string' ? Buffer.byteLength(v, 'utf8') : 0);
  let size = e.Time !== undefined && e.Time !== null ? 14 : 0;
  size += bytes(e.Source) + bytes(e.DetailType) + bytes(e.Detail);
  if (Array.isArray(e.Resources)) for (const r of e.Resources) size += bytes(r);
  return size;
}

interface CheckedEntry {
  busName: string;
  source: string;
  detailType: string;
  detail: unknown;
  resources: string[];
  time: string;
}

function checkEntry(
  e: Record<string, unknown>,
  busName: string,
): CheckedEntry | { ErrorCode: string; ErrorMessage: string } {
  const required = (name: string) => ({
    ErrorCode: 'InvalidArgument',
    ErrorMessage: `Parameter ${name} is not valid. Reason: ${name} is a required argument.`,
  });
  if (typeof e.Source !== 'string' || e.Source === '') return required('Source');
  if (typeof e.DetailType !== 'string' || e.DetailType === '') return required('DetailType');
  if (typeof e.Detail !== 'string' || e.Detail === '') return required('Detail');
  let detail: unknown;
  try {
    detail = JSON.parse(e.Detail);
  } catch {
    return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  }
  // EventBridge requires the detail to be a JSON object.
  if (detail === null || typeof detail !== 'object' || Array.isArray(detail)) {
    return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  }
  const requestedBus =
    typeof e.EventBusName === 'string' && e.EventBusName !== '' ? e.EventBusName : 'default';
  // Accept the bus by name or ARN (arn:aws:events:<region>:<account>:event-bus/<name>).
  const name = requestedBus.includes(':event-bus/') ? requestedBus.split(':event-bus/')[1]! : requestedBus;
  if (name !== busName && name !== 'default') {
    return { ErrorCode: 'ResourceNotFoundException', ErrorMessage: `Event bus ${name} does not exist.` };
  }
  const resources = Array.isArray(e.Resources)
    ? e.Resources.filter((r): r is string => typeof r === 'string')
    : [];
  return {
    busName: name,
    source: e.Source,
    detailType: e.DetailType,
    detail,
    resources,
    time: eventTime(e.Time),
  };
}

/** The SDK serializes `Time` as epoch seconds; envelopes carry ISO-8601 without milliseconds, like AWS. */
function eventTime(time: unknown): string {
  let date = new Date();
  if (typeof time === 'number') date = new Date(time * 1000);
  else if (typeof time === 'string' && !Number.isNaN(Date.parse(time))) date = new Date(time);
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
