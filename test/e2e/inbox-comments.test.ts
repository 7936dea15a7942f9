/**
 * Page and Instagram comments through the inbox, end to end: comments arrive threaded by post and
 * top-level comment; replies and moderation (hide, delete) go to Meta only once approved; tenant rules
 * approve what a person approved once; edits and removals that overtake the comment end in the right
 * state; the scheduled sync brings a comment no webhook delivered.
 */
import { withLocalRuntime } from '../support/local-runtime';
import { untilIdle, untilMetaEchoHandled } from '../support/settle';
import { connectAndSelect, eventually } from '../support/meta-connect';
import {
  conversation,
  redeliver,
  simComment,
  simState,
  waitForConversation,
  waitForDetail,
  waitForReply,
} from '../support/inbox';
import { DEFAULT_WORLD_IDS as W } from '../../local/meta-simulator';

const rt = withLocalRuntime();
const T = 'comments-co';
const api = async () => rt.api({ token: await rt.token(T) });
const eventsOf = (type: string) =>
  rt.runtime.events({ detailType: type }).filter((e) => (e.envelope.detail as any).tenantId === T);
const simComments = async () => (await simState(rt)).comments as any[];

beforeAll(async () => {
  await connectAndSelect(
    rt,
    T,
    { pages: [W.bakeryPageId], instagramAccounts: [W.instagramAccountId] },
    { features: ['inbox'] },
  );
});

it('a Page comment and its reply thread into one conversation; an approved reply goes to Meta once', async () => {
  const root = await simComment(rt, {
    pageId: W.bakeryPageId,
    message: 'Do you deliver to Altona?',
    ageSeconds: 10,
  });
  expect(root.deliveryStatus).toBe(200);
  const conv = await waitForConversation(
    rt,
    T,
    (c) => c.channel === 'facebook_comment' && c.postId === root.postId,
  );
  expect(conv).toMatchObject({
    assetId: W.bakeryPageId,
    contact: { id: root.from.id, name: root.from.name },
    lastMessage: { direction: 'inbound', text: 'Do you deliver to Altona?' },
    replyWindow: { open: true },
  });
  // a second person's reply under it belongs to the same thread
  await simComment(rt, {
    pageId: W.bakeryPageId,
    parentId: root.commentId,
    message: 'Me too please!',
    from: { name: 'Kim' },
  });
  const thread = await waitForDetail(rt, T, conv.id, (d) => d.messages.length === 2);
  expect(thread.contact.id).toBe(root.from.id);
  expect(thread.messages.map((m: any) => m.text)).toEqual(['Do you deliver to Altona?', 'Me too please!']);
  // this post's comments only: other tests comment on the same Page
  const ofPost = () =>
    eventsOf('comment.received').filter((e) => (e.envelope.detail as any).postId === root.postId);
  await eventually(async () => (ofPost().length >= 2 ? true : undefined));
  expect(ofPost()[0]!.envelope.detail).toMatchObject({
    postId: root.postId,
    channel: 'facebook_comment',
  });

  const a = await api();
  const draft = await a.post(`/api/v1/conversations/${conv.id}/replies`, { text: 'We do, every Friday!' });
  expect(draft.json).toMatchObject({
    status: 'draft',
    sendReason: 'comments_have_no_window',
    targetMetaId: root.commentId,
  });
  await untilIdle(rt);
  expect((await simComments()).filter((c) => c.message === 'We do, every Friday!')).toHaveLength(0);
  await a.post(`/api/v1/replies/${draft.json.id}/approve`);
  const sent = await waitForReply(rt, T, draft.json.id);
  expect(sent.status).toBe('sent');
  const atMeta = (await simComments()).filter((c) => c.message === 'We do, every Friday!');
  expect(atMeta).toHaveLength(1);
  expect(atMeta[0]).toMatchObject({ parentId: root.commentId, from: { id: W.bakeryPageId } });
  // Meta's own feed webhook for the Page's reply lands on the same message
  await untilMetaEchoHandled(rt, sent.metaId);
  const after = await conversation(rt, T, conv.id);
  expect(after.messages.filter((m: any) => m.direction === 'outbound')).toHaveLength(1);

  // reactions on the post are kept as engagement signals, not as conversations
  const reaction = (userId: string, verb: string, time: number) => ({
    object: 'page',
    entry: [
      {
        id: W.bakeryPageId,
        time,
        changes: [
          {
            field: 'feed',
            value: {
              item: 'reaction',
              verb,
              reaction_type: 'love',
              from: { id: userId },
              post_id: root.postId,
              created_time: time,
            },
          },
        ],
      },
    ],
  });
  const t = Math.floor(Date.now() / 1000);
  // 502 took the reaction back; the removal arrives before the reaction it undoes
  for (const p of [
    reaction('501', 'add', t),
    reaction('502', 'remove', t + 5),
    reaction('501', 'add', t),
    reaction('502', 'add', t + 1),
  ])
    expect(await redeliver(rt, p)).toBe(200);
  await untilIdle(rt);
  expect((await conversation(rt, T, conv.id)).engagement).toEqual({ postReactions: 1 });
  const filtered = (
    await a.get(`/api/v1/conversations?channel=facebook_comment&assetId=${W.bakeryPageId}&status=open`)
  ).json;
  expect(filtered.items.map((c: any) => c.id)).toContain(conv.id);
  expect((await a.get('/api/v1/conversations?channel=whatsapp')).json.items).toEqual([]);
});

it('hiding and deleting a comment wait for approval like a reply', async () => {
  const spam = await simComment(rt, { pageId: W.bakeryPageId, message: 'Click here for free followers' });
  const conv = await waitForConversation(rt, T, (c) => c.postId === spam.postId);
  const [message] = (await conversation(rt, T, conv.id)).messages;
  const a = await api();
  const hide = await a.post(`/api/v1/conversations/${conv.id}/replies`, {
    type: 'hide',
    messageId: message.id,
  });
  expect(hide.status).toBe(201);
  await untilIdle(rt);
  expect((await simComments()).find((c) => c.id === spam.commentId).hidden).toBe(false);
  await a.post(`/api/v1/replies/${hide.json.id}/approve`);
  await waitForReply(rt, T, hide.json.id);
  expect((await simComments()).find((c) => c.id === spam.commentId).hidden).toBe(true);
  await waitForDetail(rt, T, conv.id, (d) => d.messages[0].hidden === true);

  const del = await a.post(`/api/v1/conversations/${conv.id}/replies`, {
    type: 'delete',
    messageId: message.id,
  });
  await a.post(`/api/v1/replies/${del.json.id}/approve`);
  expect(await waitForReply(rt, T, del.json.id)).toMatchObject({ status: 'sent' });
  expect((await simComments()).find((c) => c.id === spam.commentId).deleted).toBe(true);
  const gone = await waitForDetail(rt, T, conv.id, (d) => d.messages[0].deleted === true);
  expect(gone.messages[0].text).toBeNull();
  const audit = (await a.get('/api/v1/audit?limit=200')).json.items.map((e: any) => e.action);
  expect(audit).toEqual(
    expect.arrayContaining(['inbox.comment.hide', 'inbox.comment.delete', 'inbox.reply.approve']),
  );
});

it('an edit that overtakes its comment, and a removal that overtakes it, end in the right state', async () => {
  const original = await simComment(rt, { pageId: W.bakeryPageId, message: 'Lovely crust', deliver: false });
  const edit: any = await (
    await fetch(`${rt.runtime.simUrl}/_sim/comments/${original.commentId}/edit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'Lovely crust, but too salty', deliver: false }),
    })
  ).json();
  // the edit arrives first, then the original
  expect(await redeliver(rt, edit.webhook)).toBe(200);
  const conv = await waitForConversation(rt, T, (c) => c.postId === original.postId);
  expect(await redeliver(rt, original.webhook)).toBe(200);
  await untilIdle(rt);
  const detail = await conversation(rt, T, conv.id);
  expect(detail.messages).toHaveLength(1);
  expect(detail.messages[0]).toMatchObject({ text: 'Lovely crust, but too salty', edited: true });

  const removed = await simComment(rt, { pageId: W.bakeryPageId, message: 'Rude words', deliver: false });
  const removal: any = await (
    await fetch(`${rt.runtime.simUrl}/_sim/comments/${removed.commentId}/remove`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ deliver: false }),
    })
  ).json();
  expect(await redeliver(rt, removal.webhook)).toBe(200);
  await untilIdle(rt);
  expect(await redeliver(rt, removed.webhook)).toBe(200);
  await untilIdle(rt);
  // the removal wins: the words are never stored, and no conversation shows them
  const all = (await (await api()).get('/api/v1/conversations?channel=facebook_comment&limit=200')).json
    .items;
  expect(JSON.stringify(all)).not.toContain('Rude words');
});

it('Instagram comments: reply once approved; a rule approves a reply a person approved once', async () => {
  const a = await api();
  const first = await simComment(rt, {
    igAccountId: W.instagramAccountId,
    message: 'What are your opening hours?',
  });
  const conv1 = await waitForConversation(
    rt,
    T,
    (c) => c.channel === 'instagram_comment' && c.postId === first.postId,
  );
  expect(conv1.contact).toMatchObject({ id: first.from.id, name: first.from.name });
  const rules = await a.put('/api/v1/settings/reply-approval-rules', {
    rules: [{ id: 'known-answers', channels: ['instagram_comment'], onlyPreviouslyApproved: true }],
  });
  expect(rules.status).toBe(200);
  const answer = 'We open at 7 every day.';
  const d1 = await a.post(`/api/v1/conversations/${conv1.id}/replies`, { text: answer });
  expect(d1.json).toMatchObject({ status: 'draft', approvalReason: 'not_approved_by_a_person_before' });
  await a.post(`/api/v1/replies/${d1.json.id}/approve`);
  expect(await waitForReply(rt, T, d1.json.id)).toMatchObject({ status: 'sent' });

  const second = await simComment(rt, {
    igAccountId: W.instagramAccountId,
    postId: first.postId,
    message: 'When do you open?',
  });
  const conv2 = await waitForConversation(rt, T, (c) => c.contact?.id === second.from.id);
  const d2 = await a.post(`/api/v1/conversations/${conv2.id}/replies`, { text: answer });
  expect(d2.json).toMatchObject({
    approvalReason: 'rule_matched',
    approval: { by: 'rule:known-answers', ruleId: 'known-answers' },
  });
  expect(await waitForReply(rt, T, d2.json.id)).toMatchObject({ status: 'sent' });
  const replies = (await simComments()).filter((c) => c.message === answer);
  expect(replies.map((c) => c.parentId).sort()).toEqual([first.commentId, second.commentId].sort());
  await a.put('/api/v1/settings/reply-approval-rules', { rules: [] });
});

it('the scheduled sync picks up a comment no webhook brought', async () => {
  const quiet = await simComment(rt, {
    pageId: W.bakeryPageId,
    message: 'Missed by the webhook',
    deliver: false,
    ageSeconds: 120,
  });
  const quietIg = await simComment(rt, {
    igAccountId: W.instagramAccountId,
    message: 'Also missed',
    deliver: false,
  });
  await untilIdle(rt);
  expect((await (await api()).get('/api/v1/conversations?limit=200')).text).not.toContain(
    'Missed by the webhook',
  );
  await rt.runtime.runSchedule('inbox-sync');
  const conv = await waitForConversation(rt, T, (c) => c.postId === quiet.postId);
  expect(conv.lastMessage.text).toBe('Missed by the webhook');
  await waitForConversation(rt, T, (c) => c.postId === quietIg.postId);
  await eventually(async () =>
    eventsOf('comment.received').some((e) => (e.envelope.detail as any).metaId === quiet.commentId)
      ? true
      : undefined,
  );
  // a second run finds nothing new and stores nothing twice
  await rt.runtime.runSchedule('inbox-sync');
  const detail = await conversation(rt, T, conv.id);
  expect(detail.messages).toHaveLength(1);
});

it('an AI draft is the assistant’s suggestion from this conversation only, and still waits for approval', async () => {
  const c = await simComment(rt, { pageId: W.bakeryPageId, message: 'How much is a catering platter?' });
  const conv = await waitForConversation(rt, T, (x) => x.postId === c.postId);
  const a = await api();
  const draft = await a.post(`/api/v1/conversations/${conv.id}/replies`, { type: 'ai_draft' });
  expect(draft.status).toBe(201);
  expect(draft.json).toMatchObject({
    source: 'ai',
    status: 'draft',
    text: expect.stringContaining('interest'),
  });
  const classified = await a.post(`/api/v1/conversations/${conv.id}/classify`);
  expect(classified.json.classification).toMatchObject({ label: 'lead' });
  const rejected = await a.post(`/api/v1/replies/${draft.json.id}/reject`);
  expect(rejected.json.status).toBe('rejected');
  await untilIdle(rt);
  expect((await simComments()).filter((x) => x.message === draft.json.text)).toHaveLength(0);
});
