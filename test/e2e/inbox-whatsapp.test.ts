/**
 * WhatsApp and Instagram direct messages through the inbox, end to end. WhatsApp routes by the phone
 * number (the envelope's entry id is the WABA); a reply inside the 24-hour customer-service window goes
 * out once approved and its statuses follow; outside the window only an approved, synced template is
 * allowed; a status that overtakes its message still lands on it.
 */
import { withLocalRuntime } from '../support/local-runtime';
import { untilIdle } from '../support/settle';
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
const T = 'whatsapp-co';
const api = async () => rt.api({ token: await rt.token(T) });

beforeAll(async () => {
  await connectAndSelect(
    rt,
    T,
    { instagramAccounts: [W.instagramAccountId], whatsappNumbers: [W.phoneNumberId] },
    { features: ['inbox', 'whatsapp'] },
  );
  await rt.runtime.runSchedule('inbox-sync');
});

it('a WhatsApp message shows up; an approved reply is sent once; sent, delivered and read follow', async () => {
  const inbound = await simMessage(rt, { channel: 'whatsapp', text: 'Is my cake ready?', name: 'Pablo' });
  expect(inbound.webhook.entry[0].id).toBe(W.wabaId);
  const conv = await waitForConversation(
    rt,
    T,
    (c) => c.channel === 'whatsapp' && c.contact?.id === inbound.from,
  );
  expect(conv).toMatchObject({
    assetId: W.phoneNumberId,
    contact: { name: 'Pablo' },
    replyWindow: { open: true },
  });

  const a = await api();
  const text = 'Yes, it is ready for pickup!';
  const draft = await a.post(`/api/v1/conversations/${conv.id}/replies`, { text });
  expect(draft.json.sendReason).toBe('inside_customer_service_window');
  await untilIdle(rt);
  expect(await sentMessages(rt, text)).toHaveLength(0);
  await a.post(`/api/v1/replies/${draft.json.id}/approve`);
  const sent = await waitForReply(rt, T, draft.json.id);
  expect(sent).toMatchObject({ status: 'sent', metaId: expect.stringMatching(/^wamid\./) });
  const atMeta = await sentMessages(rt, text);
  expect(atMeta).toHaveLength(1);
  expect(atMeta[0]).toMatchObject({ userId: inbound.from, callbackData: draft.json.id });

  await waitForDetail(rt, T, conv.id, (d) =>
    d.messages.some((m: any) => m.metaId === sent.metaId && m.status === 'sent'),
  );
  for (const status of ['delivered', 'read']) {
    await simJson(rt, `/_sim/messages/${sent.metaId}/status`, { body: { status } });
    await waitForDetail(rt, T, conv.id, (d) =>
      d.messages.some((m: any) => m.metaId === sent.metaId && m.status === status),
    );
  }
  // a late `delivered` after `read` does not move it back
  const late = await simJson(rt, `/_sim/messages/${sent.metaId}/status`, {
    body: { status: 'delivered', deliver: false },
  });
  const statusPayload = late.json.webhook;
  expect(await redeliver(rt, statusPayload)).toBe(200);
  await untilIdle(rt);
  expect(
    (await conversation(rt, T, conv.id)).messages.find((m: any) => m.metaId === sent.metaId).status,
  ).toBe('read');
});

it('outside the 24-hour window a free-form reply is refused; an approved template is sent', async () => {
  const inbound = await simMessage(rt, { channel: 'whatsapp', text: 'Thanks!', ageSeconds: 30 * 3600 });
  const conv = await waitForConversation(rt, T, (c) => c.contact?.id === inbound.from);
  const a = await api();

  const free = await a.post(`/api/v1/conversations/${conv.id}/replies`, { text: 'Your order is ready.' });
  expect(free.status).toBe(409);
  expect(free.json.reason).toBe('outside_customer_service_window');

  const pending = await a.post(`/api/v1/conversations/${conv.id}/replies`, {
    type: 'template',
    template: { name: 'spring_offer', language: 'en_US' },
  });
  expect(pending.status).toBe(409);
  expect(pending.json.reason).toBe('template_not_approved');

  const wrongParams = await a.post(`/api/v1/conversations/${conv.id}/replies`, {
    type: 'template',
    template: { name: 'order_update', language: 'en_US', parameters: ['Pablo'] },
  });
  expect(wrongParams.status).toBe(400);

  const tpl = await a.post(`/api/v1/conversations/${conv.id}/replies`, {
    type: 'template',
    template: { name: 'order_update', language: 'en_US', parameters: ['Pablo', 'A-1042'] },
  });
  expect(tpl.status).toBe(201);
  expect(tpl.json.sendReason).toBe('approved_template');
  await a.post(`/api/v1/replies/${tpl.json.id}/approve`);
  expect(await waitForReply(rt, T, tpl.json.id)).toMatchObject({ status: 'sent' });
  const atMeta = (await sentMessages(rt)).filter(
    (m) => m.template?.name === 'order_update' && m.userId === inbound.from,
  );
  expect(atMeta).toHaveLength(1);
  expect(atMeta[0].template.parameters).toEqual(['Pablo', 'A-1042']);
  expect(
    (await a.get('/api/v1/whatsapp/templates')).json.items.map((t: any) => `${t.name}:${t.status}`),
  ).toEqual(expect.arrayContaining(['order_update:APPROVED', 'spring_offer:PENDING']));
});

it('a status that overtakes its message and a duplicated message converge', async () => {
  const inbound = await simMessage(rt, { channel: 'whatsapp', text: 'Hello there', deliver: false });
  // the same message twice in one delivery, and again later
  const entry = inbound.webhook.entry[0];
  expect(await redeliver(rt, { object: 'whatsapp_business_account', entry: [entry, entry] })).toBe(200);
  const conv = await waitForConversation(rt, T, (c) => c.contact?.id === inbound.from);
  expect(await redeliver(rt, inbound.webhook)).toBe(200);
  await untilIdle(rt);
  expect(
    (await conversation(rt, T, conv.id)).messages.filter((m: any) => m.metaId === inbound.messageId),
  ).toHaveLength(1);
  const received = rt.runtime
    .events({ detailType: 'message.received' })
    .filter((e) => (e.envelope.detail as any).metaId === inbound.messageId);
  expect(received).toHaveLength(1);

  // our reply's answer is lost and Meta's `read` status is the first we hear of the message: the status
  // lands first, names the reply (biz_opaque_callback_data), and the message is completed under it
  await simJson(rt, '/_sim/inbox', { body: { whatsappSentStatus: false } });
  await simJson(rt, '/_sim/faults', {
    body: {
      pathPattern: `^/?${W.phoneNumberId}/messages$`,
      method: 'POST',
      effect: 'timeout-after-success',
      delayMs: 50,
      times: 1,
    },
  });
  const a = await api();
  const text = 'Hi! Yes, we are open today.';
  const draft = await a.post(`/api/v1/conversations/${conv.id}/replies`, { text });
  await a.post(`/api/v1/replies/${draft.json.id}/approve`);
  const atMeta = await eventually(async () => {
    const m = await sentMessages(rt, text);
    return m.length > 0 ? m : undefined;
  });
  await simJson(rt, `/_sim/messages/${atMeta[0].id}/status`, { body: { status: 'read' } });
  expect(await waitForReply(rt, T, draft.json.id)).toMatchObject({
    status: 'sent',
    statusReason: 'confirmed_by_status',
    metaId: atMeta[0].id,
  });
  const detail = await waitForDetail(rt, T, conv.id, (d) =>
    d.messages.some((m: any) => m.metaId === atMeta[0].id),
  );
  expect(detail.messages.find((m: any) => m.metaId === atMeta[0].id)).toMatchObject({
    direction: 'outbound',
    text,
    status: 'read',
    replyId: draft.json.id,
  });
  await untilIdle(rt);
  expect(await sentMessages(rt, text)).toHaveLength(1);
  await simJson(rt, '/_sim/inbox', { body: { whatsappSentStatus: true } });
  await fetch(`${rt.runtime.simUrl}/_sim/faults`, { method: 'DELETE' });
});

it('Instagram direct messages: inbound, approved reply, echo stored once', async () => {
  const inbound = await simMessage(rt, { channel: 'instagram', text: 'Do you ship cookies?' });
  const conv = await waitForConversation(
    rt,
    T,
    (c) => c.channel === 'instagram_dm' && c.contact?.id === inbound.from,
  );
  expect(conv.assetId).toBe(W.instagramAccountId);
  const a = await api();
  const text = 'Only within Hamburg, sorry!';
  const draft = await a.post(`/api/v1/conversations/${conv.id}/replies`, { text });
  await untilIdle(rt);
  expect(await sentMessages(rt, text)).toHaveLength(0);
  await a.post(`/api/v1/replies/${draft.json.id}/approve`);
  const sent = await waitForReply(rt, T, draft.json.id);
  expect(sent.status).toBe('sent');
  expect(await sentMessages(rt, text)).toHaveLength(1);
  await simJson(rt, `/_sim/messages/${sent.metaId}/status`, { body: { status: 'read' } });
  const detail = await waitForDetail(rt, T, conv.id, (d) =>
    d.messages.some((m: any) => m.metaId === sent.metaId && m.status === 'read'),
  );
  expect(detail.messages.filter((m: any) => m.direction === 'outbound')).toHaveLength(1);
  await eventually(async () =>
    rt.runtime
      .events({ detailType: 'reply.sent' })
      .some((e) => (e.envelope.detail as any).replyId === draft.json.id)
      ? true
      : undefined,
  );
});
