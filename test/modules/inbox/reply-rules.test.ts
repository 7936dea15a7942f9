import {
  decideReplyApproval,
  priorApprovalKey,
  replyContentHash,
  validateReply,
  type ReplyRule,
} from '../../../lambdas/modules/inbox/core/reply-rules';

const rule = (over: Partial<ReplyRule>): ReplyRule => ({
  id: 'r1',
  description: '',
  channels: [],
  assetIds: [],
  types: [],
  sources: [],
  actors: [],
  onlyPreviouslyApproved: false,
  ...over,
});
const ctx = {
  channel: 'whatsapp' as const,
  assetId: '109283746501928',
  type: 'template' as const,
  source: 'person' as const,
  actor: 'user:ann',
  previouslyApproved: false,
};

describe('reply approval rules', () => {
  it('without rules a person approves', () => {
    expect(decideReplyApproval([], ctx)).toEqual({ approved: false, reason: 'no_rules' });
  });
  it('"auto-send drafts a person approved once for this template"', () => {
    const rules = [rule({ id: 'templates-once', types: ['template'], onlyPreviouslyApproved: true })];
    expect(decideReplyApproval(rules, ctx)).toEqual({
      approved: false,
      reason: 'not_approved_by_a_person_before',
    });
    expect(decideReplyApproval(rules, { ...ctx, previouslyApproved: true })).toEqual({
      approved: true,
      ruleId: 'templates-once',
      reason: 'rule_matched',
    });
  });
  it('a rule for other channels, sources or actors does not apply', () => {
    expect(decideReplyApproval([rule({ channels: ['messenger'] })], ctx).reason).toBe('no_rule_matches');
    expect(decideReplyApproval([rule({ sources: ['ai'] })], ctx).reason).toBe('no_rule_matches');
    expect(decideReplyApproval([rule({ actors: ['bob'] })], ctx).reason).toBe('no_rule_matches');
    expect(decideReplyApproval([rule({ actors: ['ann'] })], ctx).approved).toBe(true);
  });
  it('a template is remembered by name and language, a text by its words', () => {
    const tpl = {
      type: 'template' as const,
      template: { name: 'order_update', language: 'en_US', parameters: ['x'] },
    };
    expect(priorApprovalKey(tpl, null)).toBe('tpl:order_update:en_US');
    expect(priorApprovalKey({ type: 'text', template: null }, ' Hi ')).toBe(
      priorApprovalKey({ type: 'text', template: null }, 'Hi'),
    );
  });
});

describe('reply drafts', () => {
  const d = { type: 'text' as const, text: 'x', template: null, tag: null, targetMetaId: null };
  it('checks Meta’s limits per channel (Instagram counts bytes)', () => {
    expect(validateReply('messenger', { ...d, text: 'a'.repeat(2000) })).toEqual([]);
    expect(validateReply('messenger', { ...d, text: 'a'.repeat(2001) })[0]?.field).toBe('body.text');
    expect(validateReply('instagram_dm', { ...d, text: 'é'.repeat(501) })[0]?.message).toMatch(/1000 bytes/);
    expect(validateReply('whatsapp', { ...d, type: 'hide', targetMetaId: 'c' })[0]?.message).toMatch(
      /comments only/,
    );
    expect(
      validateReply('messenger', {
        ...d,
        type: 'template',
        template: { name: 'a', language: 'en', parameters: [] },
      })[0]?.message,
    ).toMatch(/WhatsApp/);
  });
  it('an approval covers exactly the content', () => {
    const base = { ...d, conversationId: 'cnv_1' };
    expect(replyContentHash(base, 'hello')).not.toBe(replyContentHash(base, 'hello!'));
    expect(replyContentHash(base, 'hello')).not.toBe(
      replyContentHash({ ...base, tag: 'HUMAN_AGENT' }, 'hello'),
    );
  });
});
