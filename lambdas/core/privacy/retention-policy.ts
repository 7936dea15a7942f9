/**
 * How long each kind of stored item lives. Defaults come from the scope registry's retention classes;
 * a tenant may shorten messages (7–90 days) and choose to keep CRM leads after a disconnect. A setting
 * applies to items stored after it changes (their TTL is written at store time).
 */
import { z } from 'zod';

export const RETENTION_SETTINGS_KEY = 'retention';

export const RetentionSettings = z
  .object({
    messagesDays: z.number().int().min(7).max(90),
    leadsDays: z.number().int().min(1).max(395),
    keepLeadsAfterDisconnect: z.boolean(),
  })
  .strict();
export type RetentionSettings = z.output<typeof RetentionSettings>;

export const DEFAULT_RETENTION: RetentionSettings = {
  messagesDays: 90,
  // 13 months
  leadsDays: 395,
  keepLeadsAfterDisconnect: false,
};

/** Fixed by policy, not by tenant: what the permission table and the privacy page promise. */
export const FIXED_RETENTION_DAYS = {
  insights: 395,
  deliveryLogs: 30,
  audit: 365,
  deletionConfirmations: 90,
} as const;

export type ItemClass = 'lead' | 'message' | 'insight' | 'delivery-log' | 'audit';

export function ttlFor(
  item: ItemClass,
  settings: RetentionSettings,
  storedAt: Date,
): { expiresAt: number; reason: string } {
  const days =
    item === 'lead'
      ? { d: settings.leadsDays, reason: 'tenant_leads_retention' }
      : item === 'message'
        ? { d: settings.messagesDays, reason: 'tenant_messages_retention' }
        : item === 'insight'
          ? { d: FIXED_RETENTION_DAYS.insights, reason: 'insights_13_months' }
          : item === 'delivery-log'
            ? { d: FIXED_RETENTION_DAYS.deliveryLogs, reason: 'delivery_logs_30_days' }
            : { d: FIXED_RETENTION_DAYS.audit, reason: 'audit_1_year' };
  return { expiresAt: Math.floor(storedAt.getTime() / 1000) + days.d * 86_400, reason: days.reason };
}
