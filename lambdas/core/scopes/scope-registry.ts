/**
 * The one source of truth for what the service asks Meta for and why: every permission, the features that
 * need it, the data it opens, whether we store that data and for how long. OAuth scopes, the permission
 * document for App Review and the retention defaults are all derived from this table.
 */
import type { RetentionClass } from '../../platform/core/retention-policy';

export const FEATURES = ['leads', 'publishing', 'inbox', 'whatsapp', 'ads', 'insights'] as const;
export type Feature = (typeof FEATURES)[number];

/** Retention classes and their durations live in `platform/core/retention-policy.ts`. */
export type { RetentionClass };

export interface PermissionEntry {
  permission: string;
  /** `connect` = needed by every connection to list and pick assets. */
  features: ReadonlyArray<Feature | 'connect'>;
  why: string;
  dataAccessed: string;
  stored: string | null;
  retention: RetentionClass;
}

export const SCOPE_REGISTRY: readonly PermissionEntry[] = [
  {
    permission: 'pages_show_list',
    features: ['connect'],
    why: 'List the Pages the person manages so the business can pick the ones the service acts on.',
    dataAccessed: 'Page ids, names and categories; Page access tokens.',
    stored: 'Page id, name and category; Page tokens encrypted with KMS.',
    retention: 'until_disconnect',
  },
  {
    permission: 'business_management',
    features: ['connect'],
    why: 'Find which Business Manager owns the Pages, ad accounts and WhatsApp accounts so agencies can pick assets per business.',
    dataAccessed: 'Business ids and names; the assets each business owns or serves.',
    stored: 'Business id and name.',
    retention: 'until_disconnect',
  },
  {
    permission: 'pages_manage_metadata',
    features: ['leads', 'inbox', 'insights'],
    why: "Subscribe the selected Pages to the app webhooks (leads, comments, messages, the Page's new posts) and check the subscription daily.",
    dataAccessed: 'The Page webhook subscription state.',
    stored: null,
    retention: 'not_stored',
  },
  {
    permission: 'pages_read_engagement',
    features: ['leads', 'publishing', 'insights'],
    why: "Read the Page context Meta requires for listing lead forms, lead retrieval, publishing and Page insights, and the Page's own published posts with their reaction, comment and share counts for content sync.",
    dataAccessed: "Page metadata; the Page's own posts (never visitors' posts) and their engagement counts.",
    stored:
      "The Page's own posts — id, time, type, permalink, text (at most 2,200 characters), media link — with their counts and a daily history of them; daily aggregated Page counters (13 months). Who reacted or commented is never kept.",
    retention: 'content',
  },
  {
    permission: 'leads_retrieval',
    features: ['leads'],
    why: 'Fetch each Lead Ads submission of the selected forms and store it as a CRM lead.',
    dataAccessed: 'The fields a person submitted on a lead form (name, email, phone, custom answers).',
    stored: 'The mapped lead fields, under the business CRM record.',
    retention: 'leads',
  },
  {
    permission: 'pages_manage_ads',
    features: ['leads', 'ads'],
    why: "List the Page's lead forms to pick from (Meta lists them only to a Page token with this and pages_read_engagement), read full leads, and attach selected Pages to approved ads.",
    dataAccessed: 'Lead forms of the Page; ads run on behalf of the Page.',
    stored: 'Lead form ids and names.',
    retention: 'until_disconnect',
  },
  {
    permission: 'ads_management',
    features: ['leads', 'ads'],
    why: 'Meta requires it for the ad attribution of leads; creates, launches and pauses campaigns only after an approval.',
    dataAccessed: 'Ad account, campaign, ad set and ad objects and their status.',
    stored: 'Campaign drafts, Meta object ids, approvals and spend status.',
    retention: 'until_disconnect',
  },
  {
    permission: 'ads_read',
    features: ['ads', 'insights'],
    why: 'Read ad accounts and campaign results for attribution and reporting.',
    dataAccessed: 'Ad account names, campaign status, spend and results.',
    stored: 'Ad account id and name; daily aggregated campaign counters.',
    retention: 'insights',
  },
  {
    permission: 'pages_manage_posts',
    features: ['publishing'],
    why: 'Publish approved posts from the calendar to the selected Pages.',
    dataAccessed: 'Posts the service publishes.',
    stored: 'The post draft, approvals, Meta post id and permalink.',
    retention: 'until_disconnect',
  },
  {
    permission: 'instagram_basic',
    features: ['publishing', 'inbox', 'insights'],
    why: "Identify the Instagram business account linked to a selected Page, and list the account's own media for content sync (Meta requires it for account and media insights too).",
    dataAccessed: "Instagram account id, username and profile picture; the account's media.",
    stored:
      "Instagram account id and username (until disconnect); the account's own media — id, time, type, permalink, caption (at most 2,200 characters), media link — with their figures.",
    retention: 'content',
  },
  {
    permission: 'instagram_content_publish',
    features: ['publishing'],
    why: 'Publish approved Instagram posts, carousels and reels from the calendar.',
    dataAccessed: 'Media containers and media the service publishes.',
    stored: 'The post draft, approvals, Meta media id and permalink.',
    retention: 'until_disconnect',
  },
  {
    permission: 'pages_messaging',
    features: ['inbox'],
    why: 'Receive Messenger messages of the selected Pages in the inbox and send approved replies.',
    dataAccessed: 'Message text, attachments and the sender Page-scoped id.',
    stored: 'Messages, encrypted at the field level.',
    retention: 'messages',
  },
  {
    permission: 'pages_manage_engagement',
    features: ['inbox'],
    why: 'Send approved replies to Page comments and moderate them (hide, unhide, delete).',
    dataAccessed: 'Comments on the selected Pages.',
    stored: 'Comments, encrypted at the field level.',
    retention: 'messages',
  },
  {
    permission: 'pages_read_user_content',
    features: ['inbox'],
    why: 'Read the comments of the selected Pages so none a webhook missed is lost.',
    dataAccessed: 'Comment text, author and time.',
    stored: 'Comments, encrypted at the field level.',
    retention: 'messages',
  },
  {
    permission: 'instagram_manage_comments',
    features: ['inbox'],
    why: 'Show comments on the business Instagram posts and send approved replies.',
    dataAccessed: 'Comment text, author handle and time.',
    stored: 'Comments, encrypted at the field level.',
    retention: 'messages',
  },
  {
    permission: 'instagram_manage_messages',
    features: ['inbox'],
    why: 'Receive Instagram direct messages in the inbox and send approved replies.',
    dataAccessed: 'Direct message text, media and participant ids.',
    stored: 'Messages, encrypted at the field level.',
    retention: 'messages',
  },
  {
    permission: 'whatsapp_business_management',
    features: ['whatsapp'],
    why: 'List the WhatsApp business accounts and numbers to select; register a selected number for Cloud API use (its two-step PIN is passed to Meta, never kept); submit, list and delete its message templates; read and update its business profile.',
    dataAccessed:
      'WhatsApp business account ids, phone number ids, display names, registration status, message templates (content, status, category), business profile (about, address, description, email, websites, vertical).',
    stored:
      'Account and number ids, display names, registration status, message templates (id, name, language, category, status, components), business profile fields as last read.',
    retention: 'until_disconnect',
  },
  {
    permission: 'whatsapp_business_messaging',
    features: ['whatsapp'],
    why: 'Receive WhatsApp messages to the selected numbers and send approved replies.',
    dataAccessed: 'Message content, media and contact phone numbers.',
    stored: 'Messages, encrypted at the field level.',
    retention: 'messages',
  },
  {
    permission: 'read_insights',
    features: ['insights'],
    why: "Read Page insights and each post's figures (views, reach, clicks, reactions by type) for the reporting API.",
    dataAccessed: 'Page and post reach, views, engagement and follower figures.',
    stored: "Daily aggregated counters; each post's figures with the post (aggregates, never people).",
    retention: 'insights',
  },
  {
    permission: 'instagram_manage_insights',
    features: ['insights'],
    why: "Read Instagram account insights and each media's figures for the reporting API.",
    dataAccessed:
      "The account's reach, views and follower counts; each media's views, reach, likes, comments, shares, saves and interactions.",
    stored: "Daily aggregated counters; each media's figures with the media (aggregates, never people).",
    retention: 'insights',
  },
];

export interface ScopeDecision {
  scopes: string[];
  /** permission → the features (or `connect`) that asked for it: the reason each scope is requested */
  reasons: Record<string, Array<Feature | 'connect'>>;
}

/** The scopes to request: the union of the connect scopes and those of the enabled features, nothing else. */
export function scopesForFeatures(features: readonly Feature[]): ScopeDecision {
  const wanted = new Set<Feature | 'connect'>(['connect', ...features]);
  const reasons: Record<string, Array<Feature | 'connect'>> = {};
  for (const entry of SCOPE_REGISTRY) {
    const because = entry.features.filter((f) => wanted.has(f));
    if (because.length > 0) reasons[entry.permission] = because;
  }
  return { scopes: Object.keys(reasons).sort(), reasons };
}

export interface FeatureGrant {
  feature: Feature;
  missingScopes: string[];
}

/** Which enabled features lack a scope after a (possibly partial) grant. */
export function missingFeatures(features: readonly Feature[], granted: readonly string[]): FeatureGrant[] {
  const have = new Set(granted);
  const out: FeatureGrant[] = [];
  for (const feature of features) {
    const needed = scopesForFeatures([feature]).scopes;
    const missing = needed.filter((s) => !have.has(s));
    if (missing.length > 0) out.push({ feature, missingScopes: missing });
  }
  return out;
}

export function hasScope(granted: readonly string[], permission: string): boolean {
  return granted.includes(permission);
}
