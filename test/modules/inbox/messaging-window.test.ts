import { decideSend, windowView } from '../../../lambdas/modules/inbox/core/messaging-window';

const now = new Date('2026-05-10T12:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();
const base = { type: 'text' as const, source: 'person' as const, tag: null, now };

describe('messaging windows', () => {
  it.each([
    ['messenger', 23, null, 'person', true, 'inside_24h_window'],
    ['messenger', 25, null, 'person', false, 'outside_24h_window'],
    ['messenger', 25, 'HUMAN_AGENT', 'person', true, 'human_agent_within_7_days'],
    ['messenger', 25, 'HUMAN_AGENT', 'ai', false, 'human_agent_needs_a_person'],
    ['instagram_dm', 7 * 24 + 1, 'HUMAN_AGENT', 'person', false, 'outside_human_agent_window'],
    ['instagram_dm', 2, null, 'ai', true, 'inside_24h_window'],
    ['whatsapp', 23, null, 'person', true, 'inside_customer_service_window'],
    ['whatsapp', 25, null, 'person', false, 'outside_customer_service_window'],
    ['facebook_comment', 1000, null, 'ai', true, 'comments_have_no_window'],
  ] as const)(
    '%s, %d h after the last message, tag %s, by %s → %s (%s)',
    (channel, h, tag, source, allowed, reason) => {
      const d = decideSend({ ...base, channel, tag, source, lastInboundAt: hoursAgo(h) });
      expect(d).toMatchObject({ allowed, reason });
    },
  );

  it('a Messenger reply 25 hours after the last message is refused with a reason a person can read', () => {
    const d = decideSend({ ...base, channel: 'messenger', lastInboundAt: hoursAgo(25) });
    expect(d.allowed).toBe(false);
    if (!d.allowed) expect(d.detail).toMatch(/24 hours.*HUMAN_AGENT/);
  });

  it('nobody is messaged who never wrote', () => {
    expect(decideSend({ ...base, channel: 'messenger', lastInboundAt: null })).toMatchObject({
      allowed: false,
      reason: 'conversation_not_started_by_person',
    });
  });

  it('WhatsApp outside the window: only an approved template', () => {
    const template = {
      ...base,
      channel: 'whatsapp' as const,
      type: 'template' as const,
      lastInboundAt: hoursAgo(48),
    };
    expect(decideSend({ ...template, templateStatus: 'APPROVED' })).toMatchObject({
      allowed: true,
      reason: 'approved_template',
    });
    expect(decideSend({ ...template, templateStatus: 'PENDING' })).toMatchObject({
      allowed: false,
      reason: 'template_not_approved',
    });
    expect(decideSend({ ...template, templateStatus: null })).toMatchObject({
      allowed: false,
      reason: 'template_unknown',
    });
  });

  it('the view says until when a free and a tagged reply are possible', () => {
    expect(windowView('messenger', hoursAgo(1), now)).toEqual({
      open: true,
      freeReplyUntil: new Date(now.getTime() + 23 * 3_600_000).toISOString(),
      humanAgentUntil: new Date(now.getTime() + (7 * 24 - 1) * 3_600_000).toISOString(),
    });
    expect(windowView('whatsapp', hoursAgo(30), now)).toMatchObject({ open: false, humanAgentUntil: null });
  });
});
