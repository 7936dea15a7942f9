/**
 * A failed target carries a stable code for programs and a sentence for the person reading the calendar:
 * what happened and what to do about it. Meta's own user-facing message is appended where it has one.
 */
export interface TargetFailure {
  reason: string;
  message: string;
}

const TOKEN_WORDS: Record<string, string> = {
  app_removed_by_user: 'the app was removed from the Facebook account',
  password_changed: 'the Facebook password was changed',
  token_expired: 'the access expired',
  page_role_removed: 'the person who connected no longer has a role on the Page',
  user_checkpointed: 'Facebook asks the person who connected to log in and confirm their account',
  user_unconfirmed: 'the Facebook account is not confirmed',
};

const FIXED: Record<string, string> = {
  not_approved: 'The post was not approved, so it was not published. Approve it to publish it.',
  content_changed_after_approval:
    'The post changed after it was approved, so it was not published. Approve it again to publish it.',
  connection_expired: 'The Meta connection for this account has expired. Reconnect it, then approve again.',
  connection_revoked: 'The Meta connection for this account was removed. Reconnect it, then approve again.',
  connection_gone: 'The Meta connection for this account no longer exists. Reconnect it, then approve again.',
  page_token_missing:
    'We no longer have access to the Page behind this account. Reconnect Meta and select it again.',
  meta_unavailable:
    'Meta kept failing or did not answer, so the post could not be published. Try again later.',
  outcome_unknown:
    "Meta's answer to the publish request was lost and the post was not found afterwards. Check the account before publishing again.",
  container_still_processing:
    'Instagram was still processing the media after several minutes. Try again, or use a smaller file.',
};

export function describeFailure(reason: string, metaMessage?: string): TargetFailure {
  const fixed = FIXED[reason];
  if (fixed) return { reason, message: fixed };
  if (reason.startsWith('token_invalid_')) {
    const why = TOKEN_WORDS[reason.slice('token_invalid_'.length)] ?? 'Meta no longer accepts its access';
    return {
      reason,
      message: `The Meta connection stopped working (${why}). Reconnect Meta to publish again.`,
    };
  }
  const said = metaMessage ? ` Meta said: ${metaMessage}` : '';
  if (reason === 'publishing_limit_reached')
    return {
      reason,
      message: `The Instagram account reached its publishing limit${metaMessage ? ` (${metaMessage})` : ''}. Try again after the 24-hour window moves on.`,
    };
  if (reason === 'media_not_processed')
    return { reason, message: `Instagram could not process the media (${metaMessage ?? 'unknown error'}).` };
  if (reason.startsWith('permission_missing'))
    return { reason, message: `The connection is missing a permission Meta needs for this.${said}` };
  return { reason, message: `Meta refused the post.${said}`.slice(0, 500) };
}
