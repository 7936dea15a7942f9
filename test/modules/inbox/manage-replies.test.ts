/** Drafting and approving replies with in-memory fakes: one approval path, each decision with its reason. */
import { ingestInbox } from '../../../lambdas/modules/inbox/core/ingest-inbox';
import { conversationIdFor } from '../../../lambdas/modules/inbox/core/inbox-model';
import {
  approveReply,
  createReply,
  getReplyRules,
  listWhatsAppTemplates,
  putReplyRules,
  rejectReply,
} from '../../../lambdas/modules/inbox/core/manage-replies';
import { ReplySendRequested } from '../../../lambdas/modules/inbox/contracts';
import { activeConnection, inboxFakes, messengerMessage, PAGE } from './fakes';

const PSID = '6543210987654321';
const CONV = conversationIdFor('messenger', PAGE, PSID);

/** a person wrote to the Page a minute ago */
async function withConversation() {
  const f = inboxFakes();
  f.connections.add(activeConnection(), { pages: [PAGE] });
  await ingestInbox(
    f.deps,
    messengerMessage('m_1', 'Do you deliver?', f.clock.now().getTime() - 60_000, PSID),
  );
  return f;
}

it('a person’s reply is a sealed draft until approved; the approval queues exactly one send command', async () => {
  const f = await withConversation();
  const draft = await createReply(f.deps, 't1', CONV, { type: 'text', text: 'Yes, every day.' }, 'user:ana');
  expect(draft).toMatchObject({
    status: 'draft',
    text: 'Yes, every day.',
    approvalReason: 'no_rules',
    sendReason: 'inside_24h_window',
  });
  const stored = f.replies.replies.get(`t1|${draft.id}`)!;
  expect(JSON.stringify(stored)).not.toContain('every day');
  expect(f.commands).toEqual([]);

  const approved = await approveReply(f.deps, 't1', draft.id, 'user:bo');
  expect(approved).toMatchObject({ status: 'approved' });
  expect(f.commands).toEqual([
    { detailType: ReplySendRequested.detailType, detail: { tenantId: 't1', replyId: draft.id } },
  ]);
  expect(f.metrics.total('approvals', { Subject: 'reply', By: 'person' })).toBe(1);
  expect(f.audit.map((a) => a.action)).toEqual(['inbox.reply.draft', 'inbox.reply.approve']);
  expect(f.audit[1]).toMatchObject({ actor: 'user:bo', reason: 'person' });

  // approving again sends nothing more
  await expect(approveReply(f.deps, 't1', draft.id, 'user:bo')).rejects.toMatchObject({ kind: 'conflict' });
  expect(f.commands).toHaveLength(1);
});

it('a tenant rule approves a matching draft at once, naming the rule', async () => {
  const f = await withConversation();
  const rules = {
    rules: [
      {
        id: 'dm',
        description: 'messenger text',
        channels: ['messenger' as const],
        assetIds: [],
        types: ['text' as const],
        sources: ['person' as const],
        actors: [],
        onlyPreviouslyApproved: false,
      },
    ],
  };
  await putReplyRules(f.deps, { tenantId: 't1', actor: 'user:admin' }, rules);
  expect(await getReplyRules(f.deps, 't1')).toEqual(rules);
  expect(f.audit.at(-1)).toMatchObject({ actor: 'user:admin', details: { rules: ['dm'] } });

  const out = await createReply(f.deps, 't1', CONV, { type: 'text', text: 'Yes.' }, 'user:ana');
  expect(out).toMatchObject({ status: 'approved', approvalReason: 'rule_matched' });
  expect(f.metrics.total('approvals', { Subject: 'reply', By: 'rule' })).toBe(1);
  expect(f.commands).toHaveLength(1);
});

it('refuses a reply Meta would refuse, with the reason: outside the 24 h window', async () => {
  const f = await withConversation();
  f.clock.advance(25 * 3_600_000);
  await expect(
    createReply(f.deps, 't1', CONV, { type: 'text', text: 'Late' }, 'user:ana'),
  ).rejects.toMatchObject({
    kind: 'conflict',
    reason: 'outside_24h_window',
  });
  // a person may still answer with the HUMAN_AGENT tag
  const tagged = await createReply(
    f.deps,
    't1',
    CONV,
    { type: 'text', text: 'Late', tag: 'HUMAN_AGENT' },
    'user:ana',
  );
  expect(tagged).toMatchObject({ sendReason: 'human_agent_within_7_days' });
  expect(f.replies.replies.size).toBe(1);
});

it('refuses to draft on a connection that cannot act', async () => {
  const f = await withConversation();
  f.connections.connections.set('t1|c1', activeConnection({ status: 'expired' }));
  await expect(
    createReply(f.deps, 't1', CONV, { type: 'text', text: 'Hi' }, 'user:ana'),
  ).rejects.toMatchObject({
    kind: 'conflict',
    reason: 'connection_expired',
  });
  expect(f.replies.replies.size).toBe(0);
});

it('a rejected draft queues nothing and says who rejected it', async () => {
  const f = await withConversation();
  const draft = await createReply(f.deps, 't1', CONV, { type: 'text', text: 'Hmm' }, 'user:ana');
  expect(await rejectReply(f.deps, 't1', draft.id, 'user:bo')).toMatchObject({ status: 'rejected' });
  expect(f.replies.replies.get(`t1|${draft.id}`)).toMatchObject({ statusReason: 'rejected_by_user:bo' });
  expect(f.audit.at(-1)).toMatchObject({ action: 'inbox.reply.reject', actor: 'user:bo' });
  expect(f.commands).toEqual([]);
});

it('an AI draft is written from the conversation by the assistant, and recorded as such', async () => {
  const f = await withConversation();
  const draft = await createReply(f.deps, 't1', CONV, { type: 'ai_draft' }, 'user:ana');
  expect(draft).toMatchObject({ status: 'draft', source: 'ai', text: 'Re: Do you deliver?' });
  expect(f.assistant.inputs).toEqual([
    expect.objectContaining({
      channel: 'messenger',
      turns: [expect.objectContaining({ from: 'customer', text: 'Do you deliver?' })],
    }),
  ]);
  expect(f.audit.at(-1)).toMatchObject({ action: 'inbox.reply.draft', reason: 'assistant:fake-assistant' });
});

it('lists the synced WhatsApp templates without the connection they came from', async () => {
  const f = inboxFakes();
  await f.replies.saveTemplates('t1', [
    {
      wabaId: 'w1',
      connectionId: 'c1',
      name: 'order_ready',
      language: 'en_US',
      status: 'APPROVED',
      category: 'UTILITY',
      parameterCount: 1,
      syncedAt: '2026-11-20T09:00:00.000Z',
    },
  ]);
  const out = await listWhatsAppTemplates(f.deps, 't1');
  expect(out.items).toEqual([expect.objectContaining({ name: 'order_ready', parameterCount: 1 })]);
  expect(out.items[0]).not.toHaveProperty('connectionId');
});
