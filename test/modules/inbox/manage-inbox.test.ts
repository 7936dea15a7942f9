/** Reading and triaging the inbox with in-memory fakes: sealed text opened for the tenant, changes audited. */
import { ingestInbox } from '../../../lambdas/modules/inbox/core/ingest-inbox';
import { conversationIdFor } from '../../../lambdas/modules/inbox/core/inbox-model';
import {
  classifyConversation,
  getConversation,
  listConversations,
  listMessages,
  patchConversation,
} from '../../../lambdas/modules/inbox/core/manage-inbox';
import { activeConnection, inboxFakes, messengerMessage, PAGE, pageComment } from './fakes';

const PSID = '6543210987654321';
const CONV = conversationIdFor('messenger', PAGE, PSID);

async function inboxWithTwoThreads() {
  const f = inboxFakes();
  f.connections.add(activeConnection(), { pages: [PAGE] });
  const now = f.clock.now().getTime();
  await ingestInbox(f.deps, messengerMessage('m_1', 'First', now - 120_000, PSID));
  await ingestInbox(f.deps, messengerMessage('m_2', 'Second', now - 60_000, PSID));
  await ingestInbox(f.deps, pageComment('1_1', 'Lovely', (now - 30_000) / 1000));
  return f;
}

it('lists conversations newest first with their preview and reply window, and a thread oldest first', async () => {
  const f = await inboxWithTwoThreads();
  const list = await listConversations(f.deps, 't1', {}, { limit: 10 });
  expect(list.items.map((c) => c.channel)).toEqual(['facebook_comment', 'messenger']);
  expect(list.items[1]).toMatchObject({
    id: CONV,
    unread: true,
    lastMessage: { direction: 'inbound', text: 'Second' },
    replyWindow: expect.objectContaining({}),
  });
  expect((await listConversations(f.deps, 't1', { channel: 'messenger' }, { limit: 10 })).items).toHaveLength(
    1,
  );

  const detail = await getConversation(f.deps, 't1', CONV);
  expect(detail.messages.map((m) => m.text)).toEqual(['First', 'Second']);
  const page = await listMessages(f.deps, 't1', CONV, { limit: 1 });
  expect(page.items.map((m) => m.text)).toEqual(['Second']);
  await expect(getConversation(f.deps, 'other-tenant', CONV)).rejects.toMatchObject({ kind: 'not_found' });
});

it('a triage change is written once, audited with what changed, and read marks the thread read', async () => {
  const f = await inboxWithTwoThreads();
  const out = await patchConversation(
    f.deps,
    't1',
    CONV,
    { status: 'closed', assignee: 'user:ana', labels: ['vip', 'vip'], read: true },
    'user:bo',
  );
  expect(out).toMatchObject({ status: 'closed', assignee: 'user:ana', labels: ['vip'], unread: false });
  expect(f.audit.at(-1)).toMatchObject({
    action: 'inbox.conversation.update',
    actor: 'user:bo',
    details: { changed: ['assignee', 'labels', 'read', 'status'], status: 'closed' },
  });
  expect(f.inbox.conversations.get(`t1|${CONV}`)).toMatchObject({
    status: 'closed',
    closedAt: expect.any(String),
  });
});

it('classifies a conversation with the assistant, from that conversation alone', async () => {
  const f = await inboxWithTwoThreads();
  const out = await classifyConversation(f.deps, 't1', CONV, 'user:ana');
  expect(out.classification).toMatchObject({ label: 'lead', confidence: 0.9 });
  expect(f.assistant.inputs).toEqual([
    {
      channel: 'messenger',
      maxChars: expect.any(Number),
      turns: [
        expect.objectContaining({ from: 'customer', text: 'First' }),
        expect.objectContaining({ from: 'customer', text: 'Second' }),
      ],
    },
  ]);
  expect(f.audit.at(-1)).toMatchObject({
    action: 'inbox.conversation.classify',
    details: { label: 'lead', assistant: 'fake-assistant' },
  });
});
