/**
 * What a reply may be on each channel, what an approval covers, and the tenant rules that approve
 * without a person. Each decision names its reason or the field at fault.
 */
import { createHash } from 'node:crypto';
import type { FieldIssue } from '../../../platform/core/errors';
import { isCommentChannel, type Channel } from './inbox-model';
import { MODERATION_TYPES, type ReplySource, type ReplyType, type TemplateRef } from './reply-model';

/** Meta's limits per channel. Instagram counts UTF-8 bytes, the others characters. */
export const TEXT_LIMITS: Record<Channel, { max: number; unit: 'chars' | 'bytes' }> = {
  messenger: { max: 2000, unit: 'chars' },
  instagram_dm: { max: 1000, unit: 'bytes' },
  whatsapp: { max: 4096, unit: 'chars' },
  facebook_comment: { max: 8000, unit: 'chars' },
  instagram_comment: { max: 2200, unit: 'chars' },
};

export interface ReplyDraft {
  type: ReplyType;
  text: string | null;
  template: TemplateRef | null;
  tag: 'HUMAN_AGENT' | null;
  targetMetaId: string | null;
}

export function validateReply(channel: Channel, d: ReplyDraft): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const comments = isCommentChannel(channel);
  if (MODERATION_TYPES.includes(d.type)) {
    if (!comments) issues.push({ field: 'body.type', message: `${d.type} applies to comments only` });
    if (!d.targetMetaId) issues.push({ field: 'body.messageId', message: 'name the comment to act on' });
    return issues;
  }
  if (d.type === 'template') {
    if (channel !== 'whatsapp') issues.push({ field: 'body.type', message: 'templates are for WhatsApp' });
    if (!d.template) issues.push({ field: 'body.template', message: 'a template reply needs the template' });
    return issues;
  }
  const text = d.text ?? '';
  if (text.trim() === '') issues.push({ field: 'body.text', message: 'the reply is empty' });
  const limit = TEXT_LIMITS[channel];
  const size = limit.unit === 'bytes' ? Buffer.byteLength(text, 'utf8') : [...text].length;
  if (size > limit.max)
    issues.push({
      field: 'body.text',
      message: `${channel} allows ${limit.max} ${limit.unit}, this has ${size}`,
    });
  if (d.tag && channel !== 'messenger' && channel !== 'instagram_dm')
    issues.push({ field: 'body.tag', message: 'message tags exist on Messenger and Instagram only' });
  return issues;
}

/** What an approval covers, canonically: a change of any of it needs a new approval. */
export function replyContentHash(
  r: Pick<ReplyDraft, 'type' | 'template' | 'tag' | 'targetMetaId'> & { conversationId: string },
  text: string | null,
): string {
  const canonical = JSON.stringify({
    conversationId: r.conversationId,
    type: r.type,
    text,
    template: r.template ? [r.template.name, r.template.language, ...r.template.parameters] : null,
    tag: r.tag,
    target: r.targetMetaId,
  });
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * The key under which a person's approval is remembered, for rules that trust content approved once:
 * a template by name and language (its parameters vary per person), a text by its exact words.
 */
export function priorApprovalKey(
  d: Pick<ReplyDraft, 'type' | 'template'>,
  text: string | null,
): string | null {
  if (d.type === 'template' && d.template) return `tpl:${d.template.name}:${d.template.language}`;
  if (d.type === 'text' && text) return `txt:${createHash('sha256').update(text.trim()).digest('hex')}`;
  return null;
}

export const REPLY_RULES_KEY = 'reply-approval-rules';

export interface ReplyRule {
  id: string;
  description: string;
  /** empty = any */
  channels: Channel[];
  assetIds: string[];
  types: ReplyType[];
  sources: ReplySource[];
  /** JWT `sub`s whose drafts the rule approves; empty = anyone */
  actors: string[];
  /** approve only content a person approved before (same template, or the same words) */
  onlyPreviouslyApproved: boolean;
}

export type ReplyRuleDecision =
  { approved: true; ruleId: string; reason: 'rule_matched' } | { approved: false; reason: string };

export function decideReplyApproval(
  rules: ReplyRule[],
  ctx: {
    channel: Channel;
    assetId: string;
    type: ReplyType;
    source: ReplySource;
    actor: string;
    previouslyApproved: boolean;
  },
): ReplyRuleDecision {
  if (rules.length === 0) return { approved: false, reason: 'no_rules' };
  let waitingForFirstApproval = false;
  for (const rule of rules) {
    const any = <T>(list: T[], v: T) => list.length === 0 || list.includes(v);
    if (!any(rule.channels, ctx.channel) || !any(rule.assetIds, ctx.assetId)) continue;
    if (!any(rule.types, ctx.type) || !any(rule.sources, ctx.source)) continue;
    if (!any(rule.actors, ctx.actor.replace(/^user:/, ''))) continue;
    if (rule.onlyPreviouslyApproved && !ctx.previouslyApproved) {
      waitingForFirstApproval = true;
      continue;
    }
    return { approved: true, ruleId: rule.id, reason: 'rule_matched' };
  }
  return {
    approved: false,
    reason: waitingForFirstApproval ? 'not_approved_by_a_person_before' : 'no_rule_matches',
  };
}
