/**
 * Meta's limits checked before anything is queued, the approval hash that binds an approval to exactly
 * what was approved, and tenant approval rules. Each decision names its reason or the field at fault.
 */
import { createHash } from 'node:crypto';
import type { FieldIssue } from '../../../platform/core/errors';
import type { ApprovalRule } from '../contracts/approval-rules';
import type { PostMedia, PostTarget } from './post';

export const LIMITS = {
  facebookMessage: 63_206,
  instagramCaption: 2_200,
  instagramHashtags: 30,
  instagramMentions: 20,
  carouselMin: 2,
  carouselMax: 10,
  facebookPhotos: 10,
  /**
   * How far ahead a post may be scheduled: Meta schedules a Page post up to 30 days ahead
   * (`scheduled_publish_time`, https://developers.facebook.com/docs/pages-api/posts), and a calendar
   * entry further out than Meta would take is refused the same way.
   */
  scheduleAheadDays: 30,
} as const;

export interface Draft {
  message: string;
  link?: string;
  media: PostMedia[];
  targets: PostTarget[];
  scheduledAt?: string;
}

export function validateDraft(d: Draft, now: Date): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (d.targets.length === 0) issues.push({ field: 'body.targets', message: 'choose at least one target' });
  const hasIg = d.targets.some((t) => t.type === 'instagram_account');
  const hasFb = d.targets.some((t) => t.type === 'facebook_page');
  if (hasFb && d.message.length > LIMITS.facebookMessage)
    issues.push({ field: 'body.message', message: `Facebook allows ${LIMITS.facebookMessage} characters` });
  if (hasIg) {
    if (d.message.length > LIMITS.instagramCaption)
      issues.push({
        field: 'body.message',
        message: `Instagram captions allow ${LIMITS.instagramCaption} characters`,
      });
    const hashtags = (d.message.match(/#[\p{L}\p{N}_]+/gu) ?? []).length;
    if (hashtags > LIMITS.instagramHashtags)
      issues.push({
        field: 'body.message',
        message: `Instagram allows ${LIMITS.instagramHashtags} hashtags, this has ${hashtags}`,
      });
    const mentions = (d.message.match(/(^|[^\w])@[\w.]+/gu) ?? []).length;
    if (mentions > LIMITS.instagramMentions)
      issues.push({
        field: 'body.message',
        message: `Instagram allows ${LIMITS.instagramMentions} @mentions, this has ${mentions}`,
      });
    if (d.media.length === 0)
      issues.push({ field: 'body.media', message: 'Instagram posts need an image or a video' });
    if (d.media.length > LIMITS.carouselMax)
      issues.push({
        field: 'body.media',
        message: `an Instagram carousel holds at most ${LIMITS.carouselMax} items`,
      });
    if (d.link) issues.push({ field: 'body.link', message: 'Instagram posts cannot carry a link' });
  }
  if (hasFb) {
    // Page videos need publish_video, which the publishing feature does not ask for
    const video = d.media.findIndex((m) => m.type === 'video');
    if (video >= 0)
      issues.push({
        field: `body.media.${video}.type`,
        message: 'videos are published to Instagram (as a Reel); a Facebook Page post takes images',
      });
    if (d.media.length > LIMITS.facebookPhotos)
      issues.push({
        field: 'body.media',
        message: `a Facebook post holds at most ${LIMITS.facebookPhotos} photos`,
      });
    if (d.link && d.media.length > 0)
      issues.push({ field: 'body.link', message: 'a Facebook post has a link or media, not both' });
    if (!d.message && !d.link && d.media.length === 0)
      issues.push({ field: 'body.message', message: 'a Facebook post needs text, a link or media' });
  }
  // Meta's 10-minute minimum applies to its native scheduling (`scheduled_publish_time`); the calendar
  // publishes at the minute itself, so only the past is refused (with a minute of clock slack)
  if (d.scheduledAt && Date.parse(d.scheduledAt) < now.getTime() - 60_000)
    issues.push({ field: 'body.scheduledAt', message: 'must not be in the past' });
  if (d.scheduledAt && Date.parse(d.scheduledAt) > now.getTime() + LIMITS.scheduleAheadDays * 86_400_000)
    issues.push({
      field: 'body.scheduledAt',
      message: `at most ${LIMITS.scheduleAheadDays} days ahead, as Meta schedules posts`,
    });
  return issues;
}

/** What an approval covers: content, media, targets and schedule, in a canonical order. */
export function approvalHash(d: Draft): string {
  const canonical = JSON.stringify({
    message: d.message,
    link: d.link ?? null,
    media: d.media.map((m) => [m.type, m.url]),
    targets: [...d.targets].map((t) => `${t.type}:${t.id}`).sort(),
    scheduledAt: d.scheduledAt ?? null,
  });
  return createHash('sha256').update(canonical).digest('hex');
}

export type { ApprovalRule };

export type RuleDecision =
  { approved: true; ruleId: string; reason: 'rule_matched' } | { approved: false; reason: string };

export function decideByRules(rules: ApprovalRule[], actor: string, targets: PostTarget[]): RuleDecision {
  if (rules.length === 0) return { approved: false, reason: 'no_rules' };
  for (const rule of rules) {
    const actorOk = rule.actors.length === 0 || rule.actors.includes(actor.replace(/^user:/, ''));
    const targetsOk = rule.targetIds.length === 0 || targets.every((t) => rule.targetIds.includes(t.id));
    if (actorOk && targetsOk) return { approved: true, ruleId: rule.id, reason: 'rule_matched' };
  }
  return { approved: false, reason: 'no_rule_matches' };
}
