import type { AuditEntry } from '../../../lambdas/platform/core/audit-entry';
import { recordAudit } from '../../../lambdas/platform/core/record-audit';

function deps(now: string) {
  const recorded: AuditEntry[] = [];
  let n = 0;
  return {
    recorded,
    audit: {
      record: async (e: AuditEntry) => void recorded.push(e),
      list: async () => ({ items: recorded, nextCursor: null }),
    },
    ids: { next: (prefix: string) => `${prefix}_${++n}` },
    clock: { now: () => new Date(now) },
  };
}

const entry = {
  tenantId: 't1',
  actor: 'user:ana',
  action: 'lead.erase',
  target: 'lead:l1',
  result: 'success',
} as const;

it('stamps an entry with a fresh audit id and the clock time', async () => {
  const d = deps('2026-12-05T10:00:00.000Z');
  await recordAudit(d, entry);
  await recordAudit(d, entry);
  expect(d.recorded).toEqual([
    { ...entry, id: 'aud_1', at: '2026-12-05T10:00:00.000Z' },
    { ...entry, id: 'aud_2', at: '2026-12-05T10:00:00.000Z' },
  ]);
});

it('keeps the moment the caller stamped its own change with, given as a Date or as ISO text', async () => {
  const d = deps('2026-12-05T10:00:00.000Z');
  await recordAudit(d, { ...entry, at: new Date('2026-12-05T09:59:58.000Z') });
  await recordAudit(d, { ...entry, at: '2026-12-05T09:59:59.000Z' });
  expect(d.recorded.map((e) => e.at)).toEqual(['2026-12-05T09:59:58.000Z', '2026-12-05T09:59:59.000Z']);
});
