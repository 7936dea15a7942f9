/** Out-of-order and duplicate deliveries end in the same message, whatever the order. */
import {
  mergeContent,
  mergeRemoved,
  mergeStatus,
  mergeVisibility,
  type MergeContext,
} from '../../../lambdas/modules/inbox/core/merge-message';
import { mergeConversation } from '../../../lambdas/modules/inbox/core/merge-conversation';
import type { InboxEvent } from '../../../lambdas/modules/inbox/core/normalize';

const ctx: MergeContext = {
  tenantId: 't1',
  connectionId: 'con_1',
  conversationId: 'cnv_1',
  messageId: 'msg_1',
  now: new Date('2026-05-10T12:00:00Z'),
  expiresAt: 1,
};
const where = { channel: 'facebook_comment' as const, assetId: '111', threadKey: 'c1', metaId: 'c1' };
const content = (at: number, edit: boolean, text: string): Extract<InboxEvent, { type: 'content' }> => ({
  ...where,
  type: 'content',
  direction: 'inbound',
  kind: 'comment',
  authorId: 'u1',
  contact: { id: 'u1', name: null, fromRoot: true },
  postId: 'p1',
  parentMetaId: null,
  text,
  attachments: [],
  at,
  createdAt: edit ? null : at,
  edit,
});
const T0 = Date.parse('2026-05-10T10:00:00Z');

describe('merging message events', () => {
  it('an edit that arrives before its comment keeps the edited text and learns the creation time', () => {
    const edited = mergeContent(undefined, content(T0 + 60_000, true, 'v2'), ctx, { textCipher: 'c:v2' });
    expect(edited).toMatchObject({ outcome: 'created', record: { textCipher: 'c:v2', edited: true } });
    const created = mergeContent(edited.record, content(T0, false, 'v1'), ctx, { textCipher: 'c:v1' });
    expect(created).toMatchObject({ outcome: 'updated', reason: 'create_after_edit' });
    expect(created.record).toMatchObject({ textCipher: 'c:v2', sentAt: new Date(T0).toISOString() });
  });

  it('an older edit never replaces a newer one; the same delivery twice is a duplicate', () => {
    const first = mergeContent(undefined, content(T0, false, 'v1'), ctx, { textCipher: 'c:v1' }).record;
    const v3 = mergeContent(first, content(T0 + 120_000, true, 'v3'), ctx, { textCipher: 'c:v3' }).record;
    expect(mergeContent(v3, content(T0 + 60_000, true, 'v2'), ctx, { textCipher: 'c:v2' })).toMatchObject({
      outcome: 'ignored',
      reason: 'older_edit',
    });
    expect(mergeContent(first, content(T0, false, 'v1'), ctx, { textCipher: 'c:v1' })).toMatchObject({
      outcome: 'duplicate',
      reason: 'already_stored',
    });
  });

  it('a removal that overtakes its comment leaves a tombstone: the late comment is never stored with text', () => {
    const removed = mergeRemoved(undefined, { ...where, type: 'removed', postId: 'p1', at: T0 + 1000 }, ctx);
    expect(removed).toMatchObject({
      outcome: 'created',
      reason: 'removed_before_create',
      record: { hasContent: false },
    });
    const late = mergeContent(removed.record, content(T0, false, 'rude'), ctx, { textCipher: 'c:rude' });
    expect(late).toMatchObject({
      reason: 'removed_before_create',
      record: { textCipher: null, hasContent: true },
    });
    expect(late.record.deletedAt).not.toBeNull();
  });

  it('statuses only move forward, and a status before its message makes a placeholder the message completes', () => {
    const status = (s: 'sent' | 'delivered' | 'read', at: number) =>
      ({
        ...where,
        channel: 'whatsapp',
        type: 'status',
        status: s,
        at,
        error: null,
        callbackData: null,
      }) as const;
    const read = mergeStatus(undefined, status('read', T0 + 2000), ctx);
    expect(read).toMatchObject({
      outcome: 'created',
      reason: 'status_before_message',
      record: { status: 'read', hasContent: false },
    });
    expect(mergeStatus(read.record, status('delivered', T0 + 1000), ctx)).toMatchObject({
      outcome: 'ignored',
      reason: 'status_not_newer',
    });
    const message = mergeContent(
      read.record,
      { ...content(T0, false, 'hi'), channel: 'whatsapp', direction: 'outbound' },
      ctx,
      {
        textCipher: 'c:hi',
        replyId: 'rpl_1',
      },
    );
    expect(message).toMatchObject({
      reason: 'completed_placeholder',
      record: { status: 'read', replyId: 'rpl_1', hasContent: true },
    });
  });

  it('hide and unhide apply by time', () => {
    const vis = (hidden: boolean, at: number) => ({ ...where, type: 'visibility' as const, hidden, at });
    const hidden = mergeVisibility(undefined, vis(true, T0 + 2000), ctx).record;
    expect(mergeVisibility(hidden, vis(false, T0 + 1000), ctx)).toMatchObject({
      outcome: 'ignored',
      reason: 'older_visibility',
    });
  });
});

describe('merging into the conversation', () => {
  const cctx = { ...ctx, channel: 'messenger' as const, assetId: '111', threadKey: 'u1' };
  const msg = (id: string, at: string, direction: 'inbound' | 'outbound') =>
    ({
      kind: 'message',
      messageId: id,
      at,
      direction,
      previewCipher: `p:${id}`,
      contact: null,
      postId: null,
    }) as const;

  it('ends the same whatever the order, and repeating an effect changes nothing', () => {
    const a = msg('m1', '2026-05-10T10:00:00.000Z', 'inbound');
    const b = msg('m2', '2026-05-10T11:00:00.000Z', 'outbound');
    const ab = mergeConversation(mergeConversation(undefined, a, cctx).record, b, cctx).record;
    const ba = mergeConversation(mergeConversation(undefined, b, cctx).record, a, cctx).record;
    for (const c of [ab, ba]) {
      expect(c).toMatchObject({
        lastMessageAt: b.at,
        lastInboundAt: a.at,
        lastOutboundAt: b.at,
        previewMessageId: 'm2',
        previewCipher: 'p:m2',
      });
    }
    expect(mergeConversation(ab, b, cctx).changed).toBe(false);
  });

  it('a new message from the contact reopens a closed conversation; watermarks only grow', () => {
    const open = mergeConversation(undefined, msg('m1', '2026-05-10T10:00:00.000Z', 'inbound'), cctx).record;
    const closed = { ...open, status: 'closed' as const, closedAt: '2026-05-10T10:30:00.000Z' };
    expect(mergeConversation(closed, msg('m2', '2026-05-10T11:00:00.000Z', 'inbound'), cctx)).toMatchObject({
      record: { status: 'open' },
      reasons: expect.arrayContaining(['reopened']),
    });
    const read = mergeConversation(
      open,
      { kind: 'watermark', watermark: 'read', at: '2026-05-10T12:00:00.000Z' },
      cctx,
    ).record;
    expect(
      mergeConversation(read, { kind: 'watermark', watermark: 'read', at: '2026-05-10T11:00:00.000Z' }, cctx)
        .changed,
    ).toBe(false);
  });
});
