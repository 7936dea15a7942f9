/**
 * Leads to a CRM without code, locally (CRM_WEBHOOK_URL), against a receiver on this machine: a lead from
 * the simulator arrives as the EventBridge event with the token header; a 500 is retried; a receiver that
 * keeps failing gets the event in the dead-letter queue after the last retry, and a 400 at once.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { withLocalRuntime } from '../support/local-runtime';
import { connectAndSelect, eventually } from '../support/meta-connect';
import { simLead } from '../support/leads';
import { DEFAULT_WORLD_IDS as W } from '../../local/meta-simulator';
import { domainEvent } from '../../lambdas/core/events/domain-event';
import { checkEventContract } from '../../lambdas/core/events/event-contracts';
import { decideCrmAttempt } from '../../lambdas/app/crm-forwarding';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: any;
}

/** A CRM endpoint: records every request and answers what `answer` says for it. */
function receiver() {
  const requests: Received[] = [];
  let answer: (body: any, attempt: number) => number = () => 200;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      requests.push({ headers: req.headers, body });
      const attempt = requests.filter((r) => r.body.id === body.id).length;
      res.writeHead(answer(body, attempt)).end();
    });
  });
  return {
    requests,
    of: (eventId: string) => requests.filter((r) => r.body.detail.eventId === eventId),
    answer: (f: typeof answer) => (answer = f),
    start: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/meta`),
        ),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const crm = receiver();
const env: NodeJS.ProcessEnv = {
  ...process.env,
  CRM_WEBHOOK_SECRET: 'crm-shared-secret-for-tests',
  CRM_EVENTS: 'lead.created,connection.revoked',
  CRM_RETRY_ATTEMPTS: '2',
};
// registered before the runtime's own hook, so the receiver's URL is in the environment it reads
beforeAll(async () => {
  env.CRM_WEBHOOK_URL = await crm.start();
});
afterAll(() => crm.close());
const rt = withLocalRuntime({ env });

const publish = async (tenantId: string, eventId: string) =>
  rt.runtime.deps.events.publish([
    domainEvent('connection.revoked', tenantId, eventId, new Date(), {
      connectionId: 'con_01jg8zq0d9m2rq1c3w7z1a2b3c',
      reason: 'deauthorized',
    }),
  ]);

const dlqMessages = async () => {
  const out = await rt.runtime.clients.sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: rt.runtime.crm!.dlqUrl,
      MaxNumberOfMessages: 10,
      MessageAttributeNames: ['All'],
      VisibilityTimeout: 0,
    }),
  );
  return out.Messages ?? [];
};

it('delivers a lead as the EventBridge event, with the token header, and only the chosen events', async () => {
  const T = 'crm-lead-co';
  await connectAndSelect(rt, T, { pages: [W.bakeryPageId], leadForms: [W.bakeryLeadFormId] });
  const lead = await simLead(rt, { pageId: W.bakeryPageId, formId: W.bakeryLeadFormId });
  const got = await eventually(async () =>
    crm.requests.find((r) => r.body.detail?.leadgenId === lead.leadgenId && r.body.detail.tenantId === T),
  );
  expect(got.headers['x-connector-token']).toBe('crm-shared-secret-for-tests');
  expect(got.headers['content-type']).toMatch(/^application\/json/);
  expect(got.headers['user-agent']).toBe('Amazon/EventBridge/ApiDestinations');
  expect(got.body).toMatchObject({ 'detail-type': 'lead.created', source: 'meta-connector', version: '0' });
  expect(checkEventContract('lead.created', got.body.detail)).toMatchObject({ valid: true });
  // connection.connected happened too, but it is not one of the chosen events
  expect(crm.requests.some((r) => r.body['detail-type'] === 'connection.connected')).toBe(false);
});

it('retries after a 500 and delivers on the next attempt', async () => {
  crm.answer((body, attempt) => (body.detail.tenantId === 'crm-retry-co' && attempt === 1 ? 500 : 200));
  await publish('crm-retry-co', 'evt_retry_1');
  await rt.runtime.crm!.idle();
  expect(crm.of('evt_retry_1')).toHaveLength(2);
  expect((await dlqMessages()).some((m) => m.Body!.includes('evt_retry_1'))).toBe(false);
});

it('puts the event in the DLQ after the last retry, and a 400 at once', async () => {
  crm.answer((body) => {
    if (body.detail.tenantId === 'crm-down-co') return 503;
    if (body.detail.tenantId === 'crm-refuses-co') return 400;
    return 200;
  });
  await publish('crm-down-co', 'evt_down_1');
  await publish('crm-refuses-co', 'evt_refused_1');
  await rt.runtime.crm!.idle();
  // one attempt and CRM_RETRY_ATTEMPTS=2 retries; a 400 is never retried (EventBridge's rule)
  expect(crm.of('evt_down_1')).toHaveLength(3);
  expect(crm.of('evt_refused_1')).toHaveLength(1);
  const dead = await dlqMessages();
  const down = dead.find((m) => m.Body!.includes('evt_down_1'));
  expect(JSON.parse(down!.Body!)).toMatchObject({ 'detail-type': 'connection.revoked' });
  expect(down!.MessageAttributes).toMatchObject({
    ERROR_CODE: { StringValue: 'ERROR_FROM_TARGET' },
    EXHAUSTED_RETRY_CONDITION: { StringValue: 'MaximumRetryAttempts' },
    RETRY_ATTEMPTS: { StringValue: '2' },
  });
  const refused = dead.find((m) => m.Body!.includes('evt_refused_1'));
  expect(refused!.MessageAttributes?.EXHAUSTED_RETRY_CONDITION).toBeUndefined();
});

describe('decideCrmAttempt (EventBridge retry rules)', () => {
  const policy = { retryAttempts: 185, maxEventAgeSeconds: 86_400 };
  it.each([
    [200, 1, 'delivered'],
    [401, 1, 'retry'],
    [409, 1, 'retry'],
    [429, 1, 'retry'],
    [502, 185, 'retry'],
    [502, 186, 'dead_letter'],
    [400, 1, 'dead_letter'],
    [404, 1, 'dead_letter'],
    ['timeout_or_network', 1, 'retry'],
  ] as const)('%s on attempt %s → %s', (status, attempt, outcome) => {
    expect(decideCrmAttempt(status, attempt, 0, policy).outcome).toBe(outcome);
  });
  it('stops when the event is older than the policy allows', () => {
    expect(decideCrmAttempt(503, 3, 86_400, policy)).toEqual({ outcome: 'dead_letter', reason: 'too_old' });
  });
});
