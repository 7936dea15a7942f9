import {
  runBackfill,
  type BackfillDeps,
  type BackfillRecord,
  type InsightsBackfillStore,
} from '../../../lambdas/core/insights/backfill-insights';

class MemoryBackfills implements InsightsBackfillStore {
  readonly items = new Map<string, BackfillRecord>();
  async save(r: BackfillRecord) {
    this.items.set(r.id, { ...r });
  }
  async get(_tenantId: string, id: string) {
    const r = this.items.get(id);
    return r ? { ...r } : undefined;
  }
  async claim(_tenantId: string, id: string, startedAt: string, staleBefore: string) {
    const r = this.items.get(id);
    if (!r) return false;
    if (r.status === 'queued' || (r.status === 'running' && (r.startedAt ?? '') < staleBefore)) {
      this.items.set(id, { ...r, status: 'running', startedAt });
      return true;
    }
    return false;
  }
}

it('a backfill whose run fails gives its claim back, so the queue’s retry runs it instead of dropping it', async () => {
  const backfills = new MemoryBackfills();
  await backfills.save({
    tenantId: 't1',
    id: 'ibf_1',
    status: 'queued',
    range: { days: 3 },
    requestedBy: 'user:a',
    requestedAt: '2026-11-01T00:00:00.000Z',
  });
  let storageDown = true;
  const deps = {
    clock: { now: () => new Date('2026-11-02T00:00:00Z') },
    backfills,
    connections: {
      listSelected: async () => {
        if (storageDown) throw new Error('DynamoDB throttled the query');
        return [];
      },
    },
  } as unknown as BackfillDeps;

  await expect(runBackfill(deps, 't1', 'ibf_1')).rejects.toThrow('throttled');
  expect(backfills.items.get('ibf_1')?.status).toBe('queued');

  storageDown = false;
  await expect(runBackfill(deps, 't1', 'ibf_1')).resolves.toMatchObject({ outcome: 'completed' });
});
