/** Backfills with in-memory fakes: recorded, audited and queued; run once; followed through their record. */
import {
  getBackfill,
  requestBackfill,
  runBackfill,
} from '../../../lambdas/modules/insights/core/backfill-insights';
import { recommendations } from '../../../lambdas/modules/insights/core/recommendations';
import { InsightsBackfillRequested } from '../../../lambdas/modules/insights/contracts';
import { PAGE, activeConnection, insightsFakes } from './fakes';

const NOW = new Date('2026-11-20T10:00:00Z');

it('a request is recorded, audited and sent to the worker; the worker runs it once and records what it stored', async () => {
  const f = insightsFakes(NOW);
  f.connections.add(activeConnection(), { pages: [PAGE] });
  const r = await requestBackfill(
    f.deps,
    { tenantId: 't1', actor: 'user:ana' },
    { since: '2026-11-01', until: '2026-11-10' },
  );
  expect(r).toMatchObject({ status: 'queued', requestedBy: 'user:ana' });
  expect(f.audit).toEqual([expect.objectContaining({ action: 'insights.backfill', actor: 'user:ana' })]);
  expect(f.commands).toEqual([
    {
      detailType: InsightsBackfillRequested.detailType,
      detail: {
        tenantId: 't1',
        requestId: r.id,
        requestedBy: 'user:ana',
        since: '2026-11-01',
        until: '2026-11-10',
      },
    },
  ]);

  const done = await runBackfill(f.deps, 't1', r.id);
  expect(done).toMatchObject({
    outcome: 'completed',
    record: { status: 'completed', summary: { assets: 1 } },
  });
  expect(f.insights.value(PAGE, 'page_media_view', '2026-11-10')).toBe(7);
  // a duplicate delivery finds it done
  expect(await runBackfill(f.deps, 't1', r.id)).toEqual({ outcome: 'skipped', reason: 'backfill_completed' });
  expect(await getBackfill(f.deps, 't1', r.id)).toMatchObject({ id: r.id, status: 'completed' });
  await expect(getBackfill(f.deps, 't1', 'ibf_none')).rejects.toMatchObject({ kind: 'not_found' });
  expect(await runBackfill(f.deps, 't1', 'ibf_none')).toEqual({
    outcome: 'skipped',
    reason: 'backfill_unknown',
  });
});

it('a run that fails gives its claim back, so the queue’s retry runs it instead of dropping it', async () => {
  const f = insightsFakes(NOW);
  const r = await requestBackfill(f.deps, { tenantId: 't1', actor: 'user:ana' }, { days: 3 });
  const selected = f.connections.selected.bind(f.connections);
  f.connections.selected = async () => {
    throw new Error('DynamoDB throttled the query');
  };
  await expect(runBackfill(f.deps, 't1', r.id)).rejects.toThrow('throttled');
  expect(f.backfills.items.get(r.id)?.status).toBe('queued');
  f.connections.selected = selected;
  expect(await runBackfill(f.deps, 't1', r.id)).toMatchObject({ outcome: 'completed' });
});

it('recommendations compare the last two weeks of each campaign made here, with the figures', async () => {
  const f = insightsFakes(NOW);
  f.campaigns.made.push({ campaignId: 'cmp_1', metaCampaignId: 'cg_1' });
  const day = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString().slice(0, 10);
  await f.insights.putPoints('t1', 'c1', [
    { assetId: 'cg_1', metric: 'spend', date: day(10), value: 100 },
    { assetId: 'cg_1', metric: 'leads', date: day(10), value: 10 },
    { assetId: 'cg_1', metric: 'spend', date: day(2), value: 300 },
    { assetId: 'cg_1', metric: 'leads', date: day(2), value: 10 },
  ]);
  expect(await recommendations(f.deps, 't1')).toEqual([
    expect.objectContaining({
      campaignId: 'cmp_1',
      metaCampaignId: 'cg_1',
      kind: 'cost_per_lead_doubled',
      figures: {
        thisWeek: { spend: 300, leads: 10, costPerLead: 30 },
        lastWeek: { spend: 100, leads: 10, costPerLead: 10 },
      },
    }),
  ]);
});
