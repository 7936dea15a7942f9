import {
  CLASS_DEFAULT_DAYS,
  DEFAULT_RETENTION,
  fixedTtlFor,
  loadRetention,
  RetentionSettings,
  ttlFor,
} from '../../../lambdas/platform/core/retention-policy';
import { SCOPE_REGISTRY } from '../../../lambdas/core/scopes/scope-registry';

const AT = new Date('2026-01-01T00:00:00Z');
const atS = AT.getTime() / 1000;
const days = (d: number) => atS + d * 86_400;

describe('retention policy', () => {
  it('has a duration (or a documented none) for every retention class the scope registry uses', () => {
    for (const e of SCOPE_REGISTRY) expect(CLASS_DEFAULT_DAYS).toHaveProperty(e.retention);
    expect(DEFAULT_RETENTION).toEqual({
      messagesDays: 90,
      leadsDays: 395,
      keepLeadsAfterDisconnect: false,
      contentDays: 395,
    });
  });

  it.each([
    ['lead', DEFAULT_RETENTION, 395, 'leads_13_months'],
    ['lead', { ...DEFAULT_RETENTION, leadsDays: 180 }, 180, 'tenant_leads_retention'],
    ['message', DEFAULT_RETENTION, 90, 'messages_90_days'],
    ['message', { ...DEFAULT_RETENTION, messagesDays: 7 }, 7, 'tenant_messages_retention'],
    ['content', DEFAULT_RETENTION, 395, 'content_13_months'],
    ['content', { ...DEFAULT_RETENTION, contentDays: 30 }, 30, 'tenant_content_retention'],
    ['insight', { ...DEFAULT_RETENTION, messagesDays: 7 }, 395, 'insights_13_months'],
    ['delivery-log', DEFAULT_RETENTION, 30, 'delivery_logs_30_days'],
    ['audit', DEFAULT_RETENTION, 365, 'audit_1_year'],
    ['deletion-confirmation', DEFAULT_RETENTION, 90, 'deletion_confirmations_90_days'],
    ['export', DEFAULT_RETENTION, 7, 'exports_7_days'],
  ] as const)('%s under %j lives %i days (%s)', (item, settings, d, reason) => {
    expect(ttlFor(item, settings, AT)).toEqual({ expiresAt: days(d), days: d, reason });
  });

  it('fixed classes ignore tenant settings', () => {
    expect(fixedTtlFor('audit', AT)).toEqual(ttlFor('audit', { ...DEFAULT_RETENTION, leadsDays: 1 }, AT));
  });

  it.each([
    [{ messagesDays: 6 }, 'messagesDays'],
    [{ messagesDays: 91 }, 'messagesDays'],
    [{ leadsDays: 0 }, 'leadsDays'],
    [{ leadsDays: 396 }, 'leadsDays'],
    [{ messagesDays: 30.5 }, 'messagesDays'],
  ])('refuses %j', (over, field) => {
    const r = RetentionSettings.safeParse({ ...DEFAULT_RETENTION, ...over });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toEqual([field]);
  });

  it('loads a tenant setting with defaults for what it never set, and defaults for nothing or garbage', async () => {
    const repo = (value: unknown) => ({ get: async <T>() => value as T });
    expect(await loadRetention(repo(undefined), 't')).toEqual(DEFAULT_RETENTION);
    expect(await loadRetention(repo({ messagesDays: 30 }), 't')).toEqual({
      ...DEFAULT_RETENTION,
      messagesDays: 30,
    });
    expect(await loadRetention(repo({ messagesDays: 1 }), 't')).toEqual(DEFAULT_RETENTION);
  });
});
