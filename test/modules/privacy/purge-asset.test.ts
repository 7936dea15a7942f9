/** The deletion worker's asset purge with fakes: what was kept for revoked assets goes; the rest stays. */
import { purgeAsset } from '../../../lambdas/modules/privacy/core/purge-asset';
import { AssetPurgeRequested } from '../../../lambdas/modules/privacy/contracts';
import { RETENTION_SETTINGS_KEY } from '../../../lambdas/platform/core/retention-policy';
import { privacyFakes } from './fakes';

const cmd = { tenantId: 't1', connectionId: 'con_1', assetIds: ['pg1', 'form1'], requestedBy: 'user:ana' };

function seeded() {
  const f = privacyFakes();
  f.purge.add('t1', 'con_1', 'lead', 2, 'form1');
  f.purge.add('t1', 'con_1', 'conversation', 3, 'pg1');
  f.purge.add('t1', 'con_1', 'conversation', 1, 'pg2');
  return f;
}

it("deletes the items kept for the assets, the tenant's export files and replay answers, and audits it", async () => {
  const f = seeded();
  expect(await purgeAsset(f.purgeDeps, cmd)).toEqual({
    outcome: 'purged',
    reason: 'asset_items_deleted',
    deleted: 5,
    keptLeads: false,
  });
  expect(f.purge.items.map((i) => i.assetId)).toEqual(['pg2']);
  expect(f.forgotten).toEqual(['t1']);
  expect(f.audit.at(-1)).toMatchObject({
    action: 'asset.purged',
    details: { assetIds: ['pg1', 'form1'], deletedItems: 5, keptLeads: false },
  });
  expect(f.metrics.calls).toEqual([{ metric: 'purgedItems', dimensions: {}, value: 5 }]);
});

it('keeps the leads of a tenant that keeps CRM leads', async () => {
  const f = seeded();
  f.settings.set(`t1|${RETENTION_SETTINGS_KEY}`, { keepLeadsAfterDisconnect: true });
  expect(await purgeAsset(f.purgeDeps, cmd)).toMatchObject({ deleted: 3, keptLeads: true });
  expect(f.purge.items.map((i) => i.entity)).toEqual(['lead', 'lead', 'conversation']);
});

it('past its deadline it re-queues its command and stops', async () => {
  const f = seeded();
  expect(await purgeAsset(f.purgeDeps, cmd, { deadline: f.clock.now() })).toMatchObject({
    outcome: 'continued',
    reason: 'time_budget_spent',
    deleted: 0,
  });
  expect(f.commands).toEqual([{ detailType: AssetPurgeRequested.detailType, detail: cmd }]);
  expect(f.purge.items).toHaveLength(6);
});
