import type { AuditEntry } from '../../../lambdas/platform/core/audit-entry';
import type { SettingsRepository } from '../../../lambdas/platform/core/ports';
import { updateSetting } from '../../../lambdas/platform/core/update-setting';

/** The settings store and the audit log in memory; `failPuts` plays a store that refuses the write. */
function deps(options: { failPuts?: boolean } = {}) {
  const stored: Array<{ tenantId: string; key: string; value: unknown; at: string }> = [];
  const recorded: AuditEntry[] = [];
  let n = 0;
  const settings: SettingsRepository = {
    get: async <T>(tenantId: string, key: string) =>
      stored.findLast((s) => s.tenantId === tenantId && s.key === key)?.value as T | undefined,
    put: async (tenantId, key, value, at) => {
      if (options.failPuts) throw new Error('the table refused the write');
      stored.push({ tenantId, key, value, at });
    },
  };
  return {
    stored,
    recorded,
    settings,
    audit: {
      record: async (e: AuditEntry) => void recorded.push(e),
      list: async () => ({ items: recorded, nextCursor: null }),
    },
    ids: { next: (prefix: string) => `${prefix}_${++n}` },
    clock: { now: () => new Date('2026-12-05T10:00:00.000Z') },
  };
}

const WHO = { tenantId: 't1', actor: 'user:ana' };

it('stores the value and audits the change with who made it, what changed, and the same moment', async () => {
  const d = deps();
  const value = { retentionDays: 30 };
  await expect(
    updateSetting(d, WHO, 'retention', value, { retentionDays: { from: 90, to: 30 } }),
  ).resolves.toBe(value);
  expect(d.stored).toEqual([{ tenantId: 't1', key: 'retention', value, at: '2026-12-05T10:00:00.000Z' }]);
  expect(d.recorded).toEqual([
    {
      id: 'aud_1',
      tenantId: 't1',
      at: '2026-12-05T10:00:00.000Z',
      actor: 'user:ana',
      action: 'settings.update',
      target: 'settings:retention',
      result: 'success',
      details: { retentionDays: { from: 90, to: 30 } },
    },
  ]);
  expect(await d.settings.get('t1', 'retention')).toEqual(value);
});

it('a write the store refuses fails the change and leaves no audit line claiming it happened', async () => {
  const d = deps({ failPuts: true });
  await expect(updateSetting(d, WHO, 'retention', { retentionDays: 30 }, {})).rejects.toThrow(
    'the table refused the write',
  );
  expect(d.recorded).toEqual([]);
});
