/**
 * Meta's messaging windows (https://developers.facebook.com/docs/messenger-platform/policy-overview), decided before anything is sent so the service
 * never asks Meta for what it would refuse, and can say why a reply cannot go now:
 * - Messenger and Instagram: free replies within 24 h of the person's last message; afterwards only a
 *   person's own reply with the HUMAN_AGENT tag, up to 7 days; never before the person wrote at all.
 * - WhatsApp: anything within the 24-hour customer-service window; outside it only an approved template.
 * - Comments have no window.
 * The other message tags (CONFIRMED_EVENT_UPDATE, ACCOUNT_UPDATE, POST_PURCHASE_UPDATE) are refused by
 * Meta since 2026-04-27 and are not offered.
 */
import type { Channel } from './inbox-model';
import type { ReplySource, ReplyType } from './reply-model';

export const STANDARD_WINDOW_MS = 24 * 3_600_000;
export const HUMAN_AGENT_WINDOW_MS = 7 * 24 * 3_600_000;

export type SendDecision =
  | {
      allowed: true;
      reason: string;
      messagingType: 'RESPONSE' | 'MESSAGE_TAG' | null;
      tag: 'HUMAN_AGENT' | null;
    }
  | { allowed: false; reason: string; detail: string };

export interface WindowInput {
  channel: Channel;
  type: ReplyType;
  source: ReplySource;
  tag: 'HUMAN_AGENT' | null;
  /** the person's latest message, by Meta's clock */
  lastInboundAt: string | null;
  now: Date;
  /** WhatsApp template replies: whether the template is approved at Meta (null: unknown to us) */
  templateStatus?: string | null;
}

export function decideSend(input: WindowInput): SendDecision {
  const { channel, type } = input;
  if (channel === 'facebook_comment' || channel === 'instagram_comment') {
    return { allowed: true, reason: 'comments_have_no_window', messagingType: null, tag: null };
  }
  const age = input.lastInboundAt ? input.now.getTime() - Date.parse(input.lastInboundAt) : null;
  if (channel === 'whatsapp') {
    if (type === 'template') {
      if (input.templateStatus !== 'APPROVED') {
        return {
          allowed: false,
          reason: input.templateStatus ? 'template_not_approved' : 'template_unknown',
          detail: input.templateStatus
            ? `The template is ${input.templateStatus} at Meta; only approved templates can be sent`
            : 'The template is not among the synced templates of this WhatsApp account',
        };
      }
      return { allowed: true, reason: 'approved_template', messagingType: null, tag: null };
    }
    if (age !== null && age <= STANDARD_WINDOW_MS)
      return { allowed: true, reason: 'inside_customer_service_window', messagingType: null, tag: null };
    return {
      allowed: false,
      reason: 'outside_customer_service_window',
      detail:
        age === null
          ? 'The person has not written to this number: only an approved template can start the conversation'
          : 'More than 24 hours passed since the person last wrote: only an approved template can be sent',
    };
  }
  // Messenger and Instagram direct messages
  if (type !== 'text') {
    return { allowed: false, reason: 'not_a_message_reply', detail: `A ${type} reply does not apply here` };
  }
  if (age === null) {
    return {
      allowed: false,
      reason: 'conversation_not_started_by_person',
      detail: 'Meta lets a business message a person only after the person wrote first',
    };
  }
  if (input.tag === null && age <= STANDARD_WINDOW_MS) {
    return { allowed: true, reason: 'inside_24h_window', messagingType: 'RESPONSE', tag: null };
  }
  if (input.tag === 'HUMAN_AGENT') {
    if (input.source !== 'person') {
      return {
        allowed: false,
        reason: 'human_agent_needs_a_person',
        detail: 'The HUMAN_AGENT tag is for replies a person wrote; an AI draft cannot use it',
      };
    }
    if (age <= HUMAN_AGENT_WINDOW_MS) {
      return {
        allowed: true,
        reason: 'human_agent_within_7_days',
        messagingType: 'MESSAGE_TAG',
        tag: 'HUMAN_AGENT',
      };
    }
    return {
      allowed: false,
      reason: 'outside_human_agent_window',
      detail: 'More than 7 days passed since the person last wrote; Meta allows no reply now',
    };
  }
  return {
    allowed: false,
    reason: 'outside_24h_window',
    detail:
      'More than 24 hours passed since the person last wrote; a person may still answer within 7 days with the HUMAN_AGENT tag',
  };
}

/** What the conversation view shows: until when a free reply is possible, and until when a tagged one. */
export function windowView(channel: Channel, lastInboundAt: string | null, now: Date) {
  if (channel === 'facebook_comment' || channel === 'instagram_comment')
    return { freeReplyUntil: null, humanAgentUntil: null, open: true };
  if (!lastInboundAt) return { freeReplyUntil: null, humanAgentUntil: null, open: false };
  const t = Date.parse(lastInboundAt);
  const free = new Date(t + STANDARD_WINDOW_MS).toISOString();
  return {
    freeReplyUntil: free,
    humanAgentUntil: channel === 'whatsapp' ? null : new Date(t + HUMAN_AGENT_WINDOW_MS).toISOString(),
    open: now.getTime() <= t + STANDARD_WINDOW_MS,
  };
}
