/**
 * How long each kind of stored item lives. The scope registry says which retention class the data of
 * each permission falls in; this file says how long each class lasts, which of those a tenant may change
 * (messages 7–90 days, leads up to 13 months, whether CRM leads survive a disconnect), and turns that
 * into the `expiresAt` TTL written with an item. A setting applies to items stored after it changes: the
 * TTL is written at store time, so changing it never rewrites what is already stored.
 */
import * as z from '../contracts/zod';
import type { SettingsRepository } from './ports';

export const RETENTION_SETTINGS_KEY = 'retention';

/** How long the data a permission gives access to is kept (the scope registry names one per permission). */
export type RetentionClass =
  'until_disconnect' | 'leads' | 'messages' | 'insights' | 'content' | 'not_stored';

const DAY_S = 86_400;

/**
 * Default duration of each retention class of the scope registry. `until_disconnect` data has no TTL
 * (the purge removes it), `not_stored` has nothing to expire.
 */
export const CLASS_DEFAULT_DAYS = {
  // 13 months: a year of seasonality plus a month to act on it
  leads: 395,
  messages: 90,
  insights: 395,
  // the business's own posts and their figures, counted from publication
  content: 395,
  until_disconnect: null,
  not_stored: null,
} as const satisfies Record<RetentionClass, number | null>;

/** The bounds a tenant may choose within; the promise on the privacy page is the upper bound. */
export const SETTABLE_RANGES = {
  messagesDays: { min: 7, max: CLASS_DEFAULT_DAYS.messages },
  leadsDays: { min: 1, max: CLASS_DEFAULT_DAYS.leads },
  contentDays: { min: 30, max: CLASS_DEFAULT_DAYS.content },
} as const;

/** A whole number of days within the range a tenant may set for this class. */
const settableDays = (setting: keyof typeof SETTABLE_RANGES) =>
  z.number().check(z.int(), z.minimum(SETTABLE_RANGES[setting].min), z.maximum(SETTABLE_RANGES[setting].max));

export const RetentionSettings = z.strictObject({
  messagesDays: settableDays('messagesDays').check(z.describe('messages and comments, in days (7 to 90)')),
  leadsDays: settableDays('leadsDays').check(z.describe('leads, in days (1 to 395, about 13 months)')),
  keepLeadsAfterDisconnect: z
    .boolean()
    .check(
      z.describe('keep CRM leads when a connection is disconnected (they still expire after leadsDays)'),
    ),
  contentDays: z
    ._default(settableDays('contentDays'), CLASS_DEFAULT_DAYS.content)
    .check(
      z.describe(
        'synced posts and media with their figures, in days from publication (30 to 395; 395 when left out)',
      ),
    ),
});
export type RetentionSettings = z.output<typeof RetentionSettings>;

export const DEFAULT_RETENTION: RetentionSettings = {
  messagesDays: CLASS_DEFAULT_DAYS.messages,
  leadsDays: CLASS_DEFAULT_DAYS.leads,
  keepLeadsAfterDisconnect: false,
  contentDays: CLASS_DEFAULT_DAYS.content,
};

/** Fixed by policy, not by tenant: what the permission table and the privacy page promise. */
export const FIXED_RETENTION_DAYS = {
  insights: CLASS_DEFAULT_DAYS.insights,
  deliveryLogs: 30,
  audit: 365,
  deletionConfirmations: 90,
  // long enough to download, short enough not to linger (a purge also deletes them at once)
  exports: 7,
} as const;

export type TenantItemClass = 'lead' | 'message' | 'content';
export type FixedItemClass = 'insight' | 'delivery-log' | 'audit' | 'deletion-confirmation' | 'export';
export type ItemClass = TenantItemClass | FixedItemClass;

export interface TtlDecision {
  /** epoch seconds, the table's TTL attribute */
  expiresAt: number;
  days: number;
  reason: string;
}

const FIXED: Record<FixedItemClass, { days: number; reason: string }> = {
  insight: { days: FIXED_RETENTION_DAYS.insights, reason: 'insights_13_months' },
  'delivery-log': { days: FIXED_RETENTION_DAYS.deliveryLogs, reason: 'delivery_logs_30_days' },
  audit: { days: FIXED_RETENTION_DAYS.audit, reason: 'audit_1_year' },
  'deletion-confirmation': {
    days: FIXED_RETENTION_DAYS.deletionConfirmations,
    reason: 'deletion_confirmations_90_days',
  },
  export: { days: FIXED_RETENTION_DAYS.exports, reason: 'exports_7_days' },
};

const at = (storedAt: Date, days: number) => Math.floor(storedAt.getTime() / 1000) + days * DAY_S;

/** The TTL of an item class whose duration no tenant setting changes. */
export function fixedTtlFor(item: FixedItemClass, storedAt: Date): TtlDecision {
  const f = FIXED[item];
  return { expiresAt: at(storedAt, f.days), days: f.days, reason: f.reason };
}

/** The TTL of an item stored now, under the tenant's settings. */
export function ttlFor(item: ItemClass, settings: RetentionSettings, storedAt: Date): TtlDecision {
  if (item === 'lead') {
    const days = settings.leadsDays;
    const reason = days === DEFAULT_RETENTION.leadsDays ? 'leads_13_months' : 'tenant_leads_retention';
    return { expiresAt: at(storedAt, days), days, reason };
  }
  if (item === 'message') {
    const days = settings.messagesDays;
    const reason = days === DEFAULT_RETENTION.messagesDays ? 'messages_90_days' : 'tenant_messages_retention';
    return { expiresAt: at(storedAt, days), days, reason };
  }
  if (item === 'content') {
    // counted from the day it was published (pass that as `storedAt`), like a counter from its day
    const days = settings.contentDays;
    const reason = days === DEFAULT_RETENTION.contentDays ? 'content_13_months' : 'tenant_content_retention';
    return { expiresAt: at(storedAt, days), days, reason };
  }
  return fixedTtlFor(item, storedAt);
}

/**
 * The tenant's settings, defaults filling what it never set (also fields added after it saved them).
 * A stored document that no longer validates falls back to the defaults rather than to no TTL at all.
 */
export async function loadRetention(
  settings: Pick<SettingsRepository, 'get'>,
  tenantId: string,
): Promise<RetentionSettings> {
  const stored = await settings.get<Partial<RetentionSettings>>(tenantId, RETENTION_SETTINGS_KEY);
  const merged = RetentionSettings.safeParse({ ...DEFAULT_RETENTION, ...(stored ?? {}) });
  return merged.success ? merged.data : DEFAULT_RETENTION;
}
