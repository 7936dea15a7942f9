/**
 * Plain words for the stable reason codes the API returns. An unknown code is shown as it is, so a code
 * added to the API later still reads.
 */
const WORDS: Record<string, string> = {
  no_rules: 'No approval rule is set, so a person approves it.',
  no_rule_matches: 'No approval rule covers it, so a person approves it.',
  rule_matched: 'An approval rule approved it.',
  no_spend_cap_for_account: 'No spend cap covers this ad account, so a person approves it.',
  within_spend_caps: 'The ad account stays within its spend caps, so the caps approved it.',
  over_daily_cap: 'It would take the ad account over its daily spend cap, so a person approves it.',
  over_lifetime_cap: 'It would take the ad account over its lifetime spend cap, so a person approves it.',
  inside_24h_window: 'The person wrote in the last 24 hours, so Meta allows a reply.',
  inside_customer_service_window:
    'The person wrote in the last 24 hours, so WhatsApp allows a free-form reply.',
  human_agent_within_7_days: 'Outside 24 hours, a person’s reply tagged HUMAN_AGENT is allowed for 7 days.',
  approved_template: 'An approved template can be sent at any time.',
  comments_have_no_window: 'Comments can be answered at any time.',
  conversation_not_started_by_person: 'The person has not written yet: Meta allows no message.',
  outside_24h_window: 'More than 24 hours since the person wrote: only a person’s reply tagged HUMAN_AGENT.',
  outside_human_agent_window: 'More than 7 days since the person wrote: Meta allows no reply.',
  human_agent_needs_a_person: 'HUMAN_AGENT replies must be written by a person.',
  outside_customer_service_window: 'Outside WhatsApp’s 24-hour window: only an approved template.',
  template_not_approved: 'This template is not approved by Meta.',
  content_changed_after_approval: 'The content changed after it was approved.',
  not_approved: 'It was not approved.',
  publishing_limit_reached: 'Instagram’s 24-hour publishing limit was reached.',
  media_not_processed: 'Meta could not process the media.',
  meta_unavailable: 'Meta was unavailable.',
};

export const explain = (code: string | null | undefined): string =>
  code ? (WORDS[code] ?? code.replace(/_/g, ' ')) : '';
