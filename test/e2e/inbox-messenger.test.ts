/**
 * Messenger through the inbox, end to end on the local runtime: a person's message delivered by the
 * simulator lands in GET /conversations; a reply waits for its approval, then reaches the simulated Meta
 * exactly once; Meta's delivery and read receipts update it; Meta's messaging window is honoured before
 * anything is sent; duplicates and out-of-order deliveries converge; a send whose answer was lost is read
 * back instead of being repeated.
 */
import { withLocalRuntime } from '../support/local-runtime';
import { untilIdle, untilMetaEchoHandled } from '../support/settle';
import { connectAndSelect, eventually, simJson } from '../support/meta-connect';
import {
  conversation,
  redeliver,
  sentMessages,
  simMessage,
  waitForConversation,
  waitForDetail,
  waitForReply,
} from '../support/inbox';
import { DEFAULT_WORLD_IDS as W } from '../../local/meta-simulator';

const rt = withLocalRuntime();
const T = 'messenger-co';

const api = async () => rt.api({ token: await rt.token(T) });
const eventsOf = (type: string) =>
  rt.runtime.events({ detailType: type }).filter((e) => (e.envelope.detail as any).tenantId === T);

beforeAll(async () => {
  await connectAndSelect(rt, T, { pages: [W.bakeryPageId] }, { features: ['inbox'] });
});
afterEach(async () => {
  await fetch(`${rt.runtime.simUrl}/_sim/faults`, { method: 'DELETE' });
});

it('a message shows up in GET /conversations; a reply is sent only once approved, exactly once; receipts update it', async () => {
  const inbound = await simMessage(rt, {
    channel: 'messenger',
    text: 'Do you take catering orders for 40 people?',
  });
  expect(inbound.deliveryStatus).toBe(200);

  const conv = await waitForConversation(rt, T, (c) => c.contact?.id === inbound.from);
  expect(conv).toMatchObject({
    channel: 'messenger',
    assetId: W.bakeryPageId,
    status: 'open',
    unread: true,
    lastMessage: { direction: 'inbound', text: 'Do you take catering orders for 40 people?' },
    replyWindow: { open: true },
  });
  // this conversation's announcements only: other tests write to the same Page
  const ofConversation = () =>
    eventsOf('message.received').filter((e) => (e.envelope.detail as any).conversationId === conv.id);
  await eventually(async () => (ofConversation().length === 1 ? true : undefined));
  const announced = ofConversation()[0]!.envelope.detail as any;
  expect(announced).toMatchObject({
    conversationId: conv.id,
    channel: 'messenger',
    metaId: inbound.messageId,
  });
  // the event names the message; its words stay in the encrypted store
  expect(JSON.stringify(announced)).not.toContain('catering');

  const a = await api();
  const text = 'Yes, we do! Which day would you like them?';
  const draft = await a.post(`/api/v1/conversations/${conv.id}/replies`, { text });
  expect(draft.status).toBe(201);
  expect(draft.json).toMatchObject({
    status: 'draft',
    approvalReason: 'no_rules',
    sendReason: 'inside_24h_window',
  });
  await untilIdle(rt);
  expect(await sentMessages(rt, text)).toHaveLength(0);

  const approved = await a.post(`/api/v1/replies/${draft.json.id}/approve`);
  expect(approved.status).toBe(200);
  expect(approved.json.approval).toMatchObject({ by: expect.stringMatching(/^user:/), ruleId: null });
  const sent = await waitForReply(rt, T, draft.json.id);
  expect(sent).toMatchObject({ status: 'sent', metaId: expect.stringMatching(/^m_/) });
  expect(await sentMessages(rt, text)).toHaveLength(1);
  expect((await sentMessages(rt, text))[0]).toMatchObject({
    messagingType: 'RESPONSE',
    userId: inbound.from,
  });
  // approving again sends nothing more
  expect((await a.post(`/api/v1/replies/${draft.json.id}/approve`)).status).toBe(409);

  // our message in the thread once, though Meta echoed it too
  const detail = await waitForDetail(rt, T, conv.id, (d) =>
    d.messages.some((m: any) => m.direction === 'outbound'),
  );
  await untilMetaEchoHandled(rt, sent.metaId);
  const outbound = (await conversation(rt, T, conv.id)).messages.filter(
    (m: any) => m.direction === 'outbound',
  );
  expect(outbound).toHaveLength(1);
  expect(outbound[0]).toMatchObject({ text, replyId: draft.json.id, metaId: sent.metaId, status: 'sent' });
  expect(detail.replies.map((r: any) => r.id)).toContain(draft.json.id);
  const sentEvents = eventsOf('reply.sent').filter(
    (e) => (e.envelope.detail as any).replyId === draft.json.id,
  );
  expect(sentEvents).toHaveLength(1);

  await simJson(rt, `/_sim/messages/${sent.metaId}/status`, { body: { status: 'delivered' } });
  await waitForDetail(rt, T, conv.id, (d) =>
    d.messages.some((m: any) => m.metaId === sent.metaId && m.status === 'delivered'),
  );
  await simJson(rt, `/_sim/messages/${sent.metaId}/status`, { body: { status: 'read' } });
  await waitForDetail(rt, T, conv.id, (d) =>
    d.messages.some((m: any) => m.metaId === sent.metaId && m.status === 'read'),
  );

  const read = await a.patch(`/api/v1/conversations/${conv.id}`, {
    read: true,
    assignee: 'agent-7',
    labels: ['catering'],
  });
  expect(read.json).toMatchObject({ unread: false, assignee: 'agent-7', labels: ['catering'] });
  expect((await a.get(`/api/v1/conversations?unread=true`)).json.items.map((c: any) => c.id)).not.toContain(
    conv.id,
  );
  // another tenant does not see it
  expect(
    (await rt.api({ token: await rt.token('stranger-co') }).get(`/api/v1/conversations/${conv.id}`)).status,
  ).toBe(404);
});

it('25 hours after the last message a reply is refused with the reason; a person may still answer with HUMAN_AGENT', async () => {
  const inbound = await simMessage(rt, {
    channel: 'messenger',
    text: 'Are you open on Sunday?',
    ageSeconds: 25 * 3600,
  });
  const conv = await waitForConversation(rt, T, (c) => c.contact?.id === inbound.from);
  expect(conv.replyWindow.open).toBe(false);
  const a = await api();

  const refused = await a.post(`/api/v1/conversations/${conv.id}/replies`, { text: 'Yes, from 9 to 1.' });
  expect(refused.status).toBe(409);
  expect(refused.json).toMatchObject({
    reason: 'outside_24h_window',
    detail: expect.stringContaining('24 hours'),
  });

  const ai = await a.post(`/api/v1/conversations/${conv.id}/replies`, {
    type: 'ai_draft',
    tag: 'HUMAN_AGENT',
  });
  expect(ai.status).toBe(409);
  expect(ai.json.reason).toBe('human_agent_needs_a_person');

  const tagged = await a.post(`/api/v1/conversations/${conv.id}/replies`, {
    text: 'Yes, from 9 to 1.',
    tag: 'HUMAN_AGENT',
  });
  expect(tagged.status).toBe(201);
  expect(tagged.json.sendReason).toBe('human_agent_within_7_days');
  await a.post(`/api/v1/replies/${tagged.json.id}/approve`);
  expect(await waitForReply(rt, T, tagged.json.id)).toMatchObject({ status: 'sent' });
  expect((await sentMessages(rt, 'Yes, from 9 to 1.'))[0]).toMatchObject({
    messagingType: 'MESSAGE_TAG',
    tag: 'HUMAN_AGENT',
  });

  const old = await simMessage(rt, { channel: 'messenger', text: 'Hello?', ageSeconds: 8 * 86400 });
  const oldConv = await waitForConversation(rt, T, (c) => c.contact?.id === old.from);
  const late = await a.post(`/api/v1/conversations/${oldConv.id}/replies`, {
    text: 'Sorry!',
    tag: 'HUMAN_AGENT',
  });
  expect(late.status).toBe(409);
  expect(late.json.reason).toBe('outside_human_agent_window');
});

it('duplicates are stored once; a delivery receipt that overtakes its message still marks it', async () => {
  const inbound = await simMessage(rt, { channel: 'messenger', text: 'Is the sourdough vegan?' });
  const conv = await waitForConversation(rt, T, (c) => c.contact?.id === inbound.from);
  // Meta delivers the same message again, twice in one batch
  const entry = inbound.webhook.entry[0];
  expect(await redeliver(rt, { object: 'page', entry: [entry, entry] })).toBe(200);
  await untilIdle(rt);
  const detail = await conversation(rt, T, conv.id);
  expect(detail.messages.filter((m: any) => m.metaId === inbound.messageId)).toHaveLength(1);
  expect(
    eventsOf('message.received').filter((e) => (e.envelope.detail as any).metaId === inbound.messageId),
  ).toHaveLength(1);

  // the business answered from Meta's own inbox: the delivery receipt arrives before the echo
  const mid = 'm_echo-before-receipt-0001';
  const now = Date.now();
  const receipt = {
    object: 'page',
    entry: [
      {
        id: W.bakeryPageId,
        time: now,
        messaging: [
          {
            sender: { id: inbound.from },
            recipient: { id: W.bakeryPageId },
            timestamp: now,
            delivery: { mids: [mid], watermark: now },
          },
        ],
      },
    ],
  };
  const echo = {
    object: 'page',
    entry: [
      {
        id: W.bakeryPageId,
        time: now - 1000,
        messaging: [
          {
            sender: { id: W.bakeryPageId },
            recipient: { id: inbound.from },
            timestamp: now - 1000,
            message: { mid, text: 'It is!', is_echo: true },
          },
        ],
      },
    ],
  };
  expect(await redeliver(rt, receipt)).toBe(200);
  await untilIdle(rt);
  expect(await redeliver(rt, echo)).toBe(200);
  const after = await waitForDetail(rt, T, conv.id, (d) => d.messages.some((m: any) => m.metaId === mid));
  expect(after.messages.find((m: any) => m.metaId === mid)).toMatchObject({
    direction: 'outbound',
    text: 'It is!',
    status: 'delivered',
  });
});

it('a send whose answer was lost is read back from Meta, not sent twice', async () => {
  const inbound = await simMessage(rt, { channel: 'messenger', text: 'Can I pick up at 8?' });
  const conv = await waitForConversation(rt, T, (c) => c.contact?.id === inbound.from);
  const a = await api();
  const text = 'Of course, see you at 8!';
  const draft = await a.post(`/api/v1/conversations/${conv.id}/replies`, { text });
  // Meta takes the message, then the connection drops before its answer arrives
  await simJson(rt, '/_sim/faults', {
    body: {
      pathPattern: `^/?${W.bakeryPageId}/messages$`,
      method: 'POST',
      effect: 'timeout-after-success',
      delayMs: 50,
      times: 1,
    },
  });
  await a.post(`/api/v1/replies/${draft.json.id}/approve`);
  const sent = await waitForReply(rt, T, draft.json.id, ['sent', 'failed']);
  expect(sent).toMatchObject({ status: 'sent', statusReason: 'found_on_read_back' });
  await untilIdle(rt);
  expect(await sentMessages(rt, text)).toHaveLength(1);
});
