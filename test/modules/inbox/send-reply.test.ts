/** The send worker's use case with in-memory fakes: at most once, read back before repeating, Meta's refusals as reasons. */
import { ingestInbox } from '../../../lambdas/modules/inbox/core/ingest-inbox';
import { conversationIdFor } from '../../../lambdas/modules/inbox/core/inbox-model';
import { approveReply, createReply } from '../../../lambdas/modules/inbox/core/manage-replies';
import { SendLater, sendReply } from '../../../lambdas/modules/inbox/core/send-reply';
import { MetaGraphError, MetaNetworkError } from '../../../lambdas/platform/core/graph/graph-error';
import { activeConnection, inboxFakes, messengerMessage, PAGE } from './fakes';

const PSID = '6543210987654321';
const CONV = conversationIdFor('messenger', PAGE, PSID);

/** a person wrote a minute ago, and a reply to them was approved */
async function approvedReply(text = 'Yes, every day.') {
  const f = inboxFakes();
  f.connections.add(activeConnection(), { pages: [PAGE] });
  await ingestInbox(
    f.deps,
    messengerMessage('m_1', 'Do you deliver?', f.clock.now().getTime() - 60_000, PSID),
  );
  const draft = await createReply(f.deps, 't1', CONV, { type: 'text', text }, 'user:ana');
  await approveReply(f.deps, 't1', draft.id, 'user:bo');
  f.events.length = 0;
  return { f, id: draft.id };
}

it('sends an approved Messenger reply with the Page token, records it and announces reply.sent once', async () => {
  const { f, id } = await approvedReply();
  expect(await sendReply(f.deps, { tenantId: 't1', replyId: id })).toEqual({
    outcome: 'sent',
    reason: 'sent',
  });
  expect(f.graph.sent).toEqual([
    {
      call: 'sendMessenger',
      id: PAGE,
      token: `token(ct:page:${PAGE})`,
      body: { recipientId: PSID, text: 'Yes, every day.', messagingType: 'RESPONSE', tag: null },
    },
  ]);
  expect(f.replies.replies.get(`t1|${id}`)).toMatchObject({ status: 'sent', metaId: 'meta_1', attempts: 1 });
  expect(f.events.map((e) => e.type)).toEqual(['reply.sent']);
  expect(f.events[0]!.detail).toMatchObject({ replyId: id, metaId: 'meta_1', approvedBy: 'user:bo' });

  // the command delivered again: nothing is sent twice
  expect(await sendReply(f.deps, { tenantId: 't1', replyId: id })).toEqual({
    outcome: 'skipped',
    reason: 'already_sent',
  });
  expect(f.graph.sent).toHaveLength(1);
  expect(f.events).toHaveLength(1);
});

it('skips what is not approved, and fails a reply whose content changed after its approval', async () => {
  const f = inboxFakes();
  f.connections.add(activeConnection(), { pages: [PAGE] });
  await ingestInbox(f.deps, messengerMessage('m_1', 'Hi', f.clock.now().getTime() - 60_000, PSID));
  const draft = await createReply(f.deps, 't1', CONV, { type: 'text', text: 'Hello' }, 'user:ana');
  expect(await sendReply(f.deps, { tenantId: 't1', replyId: draft.id })).toEqual({
    outcome: 'skipped',
    reason: 'not_approved',
  });
  expect(await sendReply(f.deps, { tenantId: 't1', replyId: 'rpl_gone' })).toEqual({
    outcome: 'skipped',
    reason: 'reply_gone',
  });

  const { f: g, id } = await approvedReply();
  const stored = g.replies.replies.get(`t1|${id}`)!;
  g.replies.replies.set(`t1|${id}`, {
    ...stored,
    textCipher: await g.deps.cipher.encrypt('t1', 'Something else', `${id}:text`),
  });
  expect(await sendReply(g.deps, { tenantId: 't1', replyId: id })).toEqual({
    outcome: 'failed',
    reason: 'content_changed_after_approval',
  });
  expect(g.graph.sent).toEqual([]);
});

it('a token Meta refuses fails the reply with the reason and expires the connection', async () => {
  const { f, id } = await approvedReply();
  f.graph.failWith = new MetaGraphError(400, {
    message: 'Error validating access token: The session has been invalidated',
    type: 'OAuthException',
    code: 190,
    errorSubcode: 460,
  });
  const out = await sendReply(f.deps, { tenantId: 't1', replyId: id });
  expect(out.outcome).toBe('failed');
  expect(out.reason).toMatch(/^token_invalid_/);
  expect(f.connections.markedInvalid).toEqual([
    { connectionId: 'c1', reason: out.reason.replace('token_invalid_', ''), actor: 'system:inbox' },
  ]);
});

it('a lost answer is retried later, and the retry reads Meta back instead of sending twice', async () => {
  const { f, id } = await approvedReply('See you soon');
  f.graph.failWith = new MetaNetworkError('socket hang up', false);
  await expect(sendReply(f.deps, { tenantId: 't1', replyId: id })).rejects.toBeInstanceOf(MetaNetworkError);
  expect(f.replies.replies.get(`t1|${id}`)).toMatchObject({ status: 'sending', attempts: 1 });

  // the message had reached the person: Meta shows it in the thread
  f.graph.failWith = null;
  f.graph.thread.push({
    id: 'm_sent',
    text: 'See you soon',
    fromId: PAGE,
    createdTime: f.clock.now(),
  });
  expect(await sendReply(f.deps, { tenantId: 't1', replyId: id })).toEqual({
    outcome: 'sent',
    reason: 'found_on_read_back',
  });
  expect(f.graph.sent).toEqual([]);
  expect(f.replies.replies.get(`t1|${id}`)).toMatchObject({ status: 'sent', metaId: 'm_sent' });
});

it('Messenger’s unreadable answer is not a failure: the reply waits to be read back', async () => {
  const { f, id } = await approvedReply();
  f.graph.failWith = new MetaGraphError(500, {
    message: 'invalid JSON reply',
    code: 1,
    errorSubcode: 1357046,
  });
  await expect(sendReply(f.deps, { tenantId: 't1', replyId: id })).rejects.toBeInstanceOf(SendLater);
  expect(f.replies.replies.get(`t1|${id}`)).toMatchObject({ status: 'sending' });
});

it('a person Meta cannot reach fails the reply with Meta’s reason', async () => {
  const { f, id } = await approvedReply();
  f.graph.failWith = new MetaGraphError(400, {
    message: 'This person isn’t available right now.',
    code: 551,
  });
  expect(await sendReply(f.deps, { tenantId: 't1', replyId: id })).toEqual({
    outcome: 'failed',
    reason: 'person_unreachable',
  });
});
