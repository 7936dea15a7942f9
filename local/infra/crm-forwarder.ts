/**
 * The EventBridge API destination, locally (`CRM_WEBHOOK_URL`): every public event of the chosen types
 * that reaches the local bus is POSTed to the CRM endpoint the way EventBridge does it — the whole event
 * as JSON, the `X-Connector-Token` header, a 5 s timeout, retries with exponential backoff on the status
 * codes EventBridge retries, and the event in a dead-letter queue (an SQS queue in fauxqs, with
 * EventBridge's DLQ message attributes) when the last retry fails. Rules: crm-forwarding.ts.
 */
import { CreateQueueCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import {
  CRM_RETRY,
  CRM_TIMEOUT_MS,
  CRM_TOKEN_HEADER,
  CRM_USER_AGENT,
  decideCrmAttempt,
} from '../../lambdas/app/crm-forwarding';
import { EVENT_SOURCE } from '../../lambdas/app/topology';
import type { DomainEventType } from '../../lambdas/core/events/event-contracts';
import { silentLog, type LocalLog } from '../log';
import type { BusEventRecord, EventBridgeEnvelope } from './event-bus';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from './aws-clients';

export const CRM_DLQ_NAME = 'crm-webhook-dlq';
/** the local stand-in for the rule and target ARNs EventBridge names in DLQ messages */
const RULE_ARN = `arn:aws:events:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:rule/meta-connector/crm-webhook`;
const TARGET_ARN = `arn:aws:events:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:api-destination/crm-webhook`;

export interface CrmForwarderOptions {
  url: string;
  token: string;
  events: readonly DomainEventType[];
  sqs: SQSClient;
  retry?: { retryAttempts: number; maxEventAgeSeconds: number };
  /** first backoff; doubled per attempt with full jitter, capped at 60 × this (tests: a few ms) */
  backoffBaseMs?: number;
  log?: LocalLog;
}

export interface CrmForwarder {
  dlqUrl: string;
  /** sees every bus event; forwards the chosen public ones */
  handle(record: BusEventRecord): void;
  /** resolves when no delivery is in flight (tests) */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export async function startCrmForwarder(o: CrmForwarderOptions): Promise<CrmForwarder> {
  const log = o.log ?? silentLog;
  const retry = o.retry ?? CRM_RETRY;
  const base = o.backoffBaseMs ?? 1000;
  const dlqUrl = (
    await o.sqs.send(
      new CreateQueueCommand({ QueueName: CRM_DLQ_NAME, Attributes: { MessageRetentionPeriod: '1209600' } }),
    )
  ).QueueUrl!;
  const stopping = new AbortController();
  const inFlight = new Set<Promise<void>>();

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      stopping.signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
    });

  const post = async (body: string): Promise<number | 'timeout_or_network'> => {
    try {
      const res = await fetch(o.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': CRM_USER_AGENT,
          [CRM_TOKEN_HEADER]: o.token,
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.any([AbortSignal.timeout(CRM_TIMEOUT_MS), stopping.signal]),
      });
      await res.arrayBuffer().catch(() => undefined);
      return res.status;
    } catch {
      return 'timeout_or_network';
    }
  };

  const deadLetter = async (
    envelope: EventBridgeEnvelope,
    attempts: number,
    last: number | string,
    reason: string,
  ) => {
    const exhausted =
      reason === 'retries_exhausted'
        ? 'MaximumRetryAttempts'
        : reason === 'too_old'
          ? 'MaximumEventAgeInSeconds'
          : undefined;
    const attrs: Record<string, string> = {
      RULE_ARN,
      TARGET_ARN,
      ERROR_CODE: typeof last === 'number' ? 'ERROR_FROM_TARGET' : 'SDK_CLIENT_ERROR',
      ERROR_MESSAGE:
        typeof last === 'number' ? `The target answered HTTP ${last}` : 'Timeout or connection failure',
      RETRY_ATTEMPTS: String(attempts - 1),
      ...(exhausted ? { EXHAUSTED_RETRY_CONDITION: exhausted } : {}),
    };
    await o.sqs.send(
      new SendMessageCommand({
        QueueUrl: dlqUrl,
        MessageBody: JSON.stringify(envelope),
        MessageAttributes: Object.fromEntries(
          Object.entries(attrs).map(([k, v]) => [k, { DataType: 'String', StringValue: v }]),
        ),
      }),
    );
    log.warn('crm', `${envelope['detail-type']} ${envelope.id} → DLQ (${reason}, last ${last})`);
  };

  const deliver = async (envelope: EventBridgeEnvelope) => {
    const body = JSON.stringify(envelope);
    const sentAt = Date.now();
    for (let attempt = 1; !stopping.signal.aborted; attempt++) {
      const status = await post(body);
      if (stopping.signal.aborted) return;
      const decision = decideCrmAttempt(status, attempt, (Date.now() - sentAt) / 1000, retry);
      if (decision.outcome === 'delivered') {
        log.info('crm', `${envelope['detail-type']} ${envelope.id} delivered (attempt ${attempt})`);
        return;
      }
      if (decision.outcome === 'dead_letter') return deadLetter(envelope, attempt, status, decision.reason);
      const cap = base * 2 ** Math.min(attempt - 1, 6);
      await wait(Math.random() * cap);
    }
  };

  return {
    dlqUrl,
    handle(record) {
      const { envelope } = record;
      if (envelope.source !== EVENT_SOURCE) return;
      if (!(o.events as readonly string[]).includes(envelope['detail-type'])) return;
      const p = deliver(envelope)
        .catch((err) => log.error('crm', `delivery of ${envelope.id} failed`, err))
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
    },
    async idle() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    async close() {
      stopping.abort();
      await Promise.all([...inFlight]);
    },
  };
}
