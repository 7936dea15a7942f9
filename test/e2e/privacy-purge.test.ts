/**
 * Disconnect and the deletion worker over HTTP on the local runtime: revocation at Meta, tokens purged at
 * once, every item of the connection purged (a Scan proves it), CRM leads kept when the tenant says so,
 * a purge interrupted half-way that resumes, a purge past its time budget that re-queues itself, and a
 * reconnect while a purge is pending.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoLeadStore } from '../../lambdas/modules/leads/adapters/dynamo-lead-store';
import { withLocalRuntime } from '../support/local-runtime';
import { connectAndSelect, eventually, simJson } from '../support/meta-connect';
import { simLead, waitForLeads } from '../support/leads';
import { leftovers, privacyDeps, scanAll } from '../support/privacy';
import { DEFAULT_WORLD_IDS as W } from '../../local/meta-simulator';
import { disconnect } from '../../lambdas/modules/connections/core/disconnect';
import { actingWiring } from '../../lambdas/modules/connections/wiring';
import { PrivacyDeletionRequests } from '../../lambdas/modules/connections/adapters/privacy-deletion-requests';
import { purgeConnection, type PurgeCommand } from '../../lambdas/modules/privacy/core/purge-connection';

const rt = withLocalRuntime();
const gone = (tenant: string, id: string) =>
  eventually(async () => {
    const res = await rt.api({ token: await rt.token(tenant) }).get(`/api/v1/connections/${id}`);
    return res.status === 404 ? true : undefined;
  });

/** The disconnect use case with its purge command held back, as if the worker had not run yet. */
async function disconnectHeld(tenant: string, id: string): Promise<PurgeCommand> {
  const held: PurgeCommand[] = [];
  const acting = actingWiring(rt.runtime.deps);
  const commands = {
    send: async (_t: string, d: Record<string, unknown>) => void held.push(d as unknown as PurgeCommand),
  };
  const deps = { ...acting, commands, deletions: new PrivacyDeletionRequests({ ...acting, commands }) };
  await disconnect(deps, tenant, id, 'user:test');
  expect(held).toHaveLength(1);
  return held[0]!;
}

async function seedLeads(tenant: string, connectionId: string, n: number) {
  for (let i = 0; i < n; i++) {
    await rt.runtime.deps.clients.dynamo.send(
      new PutCommand({
        TableName: rt.runtime.config.tableName,
        Item: {
          pk: `T#${tenant}`,
          sk: `LEAD#lead_${700000000000000 + i}`,
          entity: 'lead',
          tenantId: tenant,
          connectionId,
          leadgenId: String(700000000000000 + i),
        },
      }),
    );
  }
}

describe('disconnect', () => {
  it('revokes at Meta, purges tokens at once, and leaves no item of the connection but audit and confirmation', async () => {
    const tenant = 'leaving-co';
    const features = { features: ['leads', 'publishing', 'insights', 'ads'] };
    const id = await connectAndSelect(
      rt,
      tenant,
      {
        pages: [W.bakeryPageId],
        instagramAccounts: [W.instagramAccountId],
        adAccounts: [W.adAccountId],
        leadForms: [W.bakeryLeadFormId],
      },
      features,
    );
    // an agency selected the same Page: its data must survive the other tenant's purge
    const agency = await connectAndSelect(rt, 'agency-co', { pages: [W.bakeryPageId] });
    const api = rt.api({ token: await rt.token(tenant) });

    // one of each kind of item a connection accumulates
    await simLead(rt);
    await waitForLeads(rt, tenant, 1);
    await waitForLeads(rt, 'agency-co', 1);
    await new DynamoLeadStore(rt.runtime.deps.clients.dynamo, rt.runtime.config.tableName).savePending({
      tenantId: tenant,
      connectionId: id,
      leadgenId: '555000111',
      formId: W.bakeryLeadFormId,
      pageId: W.bakeryPageId,
      reason: 'token_expired',
      firstSeenAt: new Date().toISOString(),
    });
    const post = await api.post('/api/v1/posts', {
      message: 'Fresh bread',
      targets: [{ type: 'facebook_page', id: W.bakeryPageId }],
    });
    expect(post.status).toBe(201);
    const campaign = await api.post('/api/v1/campaigns', {
      adAccountId: W.adAccountId,
      name: 'Purged campaign',
      objective: 'OUTCOME_AWARENESS',
      dailyBudget: 1500,
      startTime: new Date(Date.now() + 86_400_000).toISOString(),
      targeting: { countries: ['PT'] },
      dsa: { beneficiary: 'Demo Bakery Lda' },
      creative: { pageId: W.bakeryPageId, message: 'Hello' },
    });
    expect(campaign.status).toBe(201);
    await rt.runtime.runSchedule('insights-sync');
    const exported = await api.post('/api/v1/exports');
    const exportDone = await eventually(async () => {
      const r = await api.get(`/api/v1/exports/${exported.json.id}`);
      return r.json.status === 'completed' ? r.json : undefined;
    });
    expect((await fetch(exportDone.downloadUrl)).status).toBe(200);
    const kinds = new Set((await leftovers(rt, id)).map((i) => i.entity));
    for (const k of [
      'connection',
      'page-token',
      'asset-catalog',
      'route',
      'lead',
      'pending-lead',
      'page-health',
      'post',
      'campaign',
      'insight',
    ])
      expect(kinds).toContain(k);

    await fetch(`${rt.runtime.simUrl}/_sim/calls`, { method: 'DELETE' });
    // another tenant cannot disconnect it
    expect(
      (await rt.api({ token: await rt.token('other-co') }).delete(`/api/v1/connections/${id}`)).status,
    ).toBe(404);
    const res = await api.delete(`/api/v1/connections/${id}`);
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({
      connectionId: id,
      status: 'revoked',
      metaRevocation: 'revoked_at_meta',
      deletion: { confirmationCode: expect.any(String) },
    });
    const calls = await simJson(rt, '/_sim/calls');
    expect(calls.json.calls).toContainEqual(
      expect.objectContaining({ method: 'DELETE', path: '/me/permissions' }),
    );

    await gone(tenant, id);
    expect(await leftovers(rt, id)).toEqual([]);
    expect((await api.get('/api/v1/leads')).json.items).toEqual([]);
    expect((await api.get('/api/v1/posts')).json.items).toEqual([]);
    expect((await api.get('/api/v1/campaigns')).json.items).toEqual([]);
    // the export held a copy: its file and record are gone too
    expect((await fetch(exportDone.downloadUrl)).status).toBe(404);
    expect((await api.get(`/api/v1/exports/${exported.json.id}`)).status).toBe(404);

    // the agency's connection, route and lead are untouched
    const agencyApi = rt.api({ token: await rt.token('agency-co') });
    expect((await agencyApi.get(`/api/v1/connections/${agency}`)).json.status).toBe('active');
    expect((await agencyApi.get('/api/v1/leads')).json.items).toHaveLength(1);
    expect(
      (await scanAll(rt)).some((i) => i.pk === `ROUTE#${W.bakeryPageId}` && i.connectionId === agency),
    ).toBe(true);

    const audit = (await api.get('/api/v1/audit?limit=200')).json.items;
    expect(audit.map((e: any) => e.action)).toEqual(
      expect.arrayContaining(['connection.disconnect', 'connection.revoke', 'deletion.completed']),
    );
    expect(audit.find((e: any) => e.action === 'deletion.completed')).toMatchObject({
      target: `connection:${id}`,
      details: { postsDeleted: 1, exportsDeleted: 1, keptLeads: false },
    });
    const completed = rt.runtime
      .events({ detailType: 'deletion.completed' })
      .filter((e) => (e.envelope.detail as any).connectionId === id);
    expect(completed.length).toBeGreaterThan(0);
    expect((completed[0]!.envelope.detail as any).deletedItems).toBeGreaterThan(10);
  });

  it('keeps CRM leads after a disconnect when the tenant chose to', async () => {
    const tenant = 'keeper-co';
    const api = rt.api({ token: await rt.token(tenant) });
    const put = await api.put('/api/v1/settings/retention', {
      messagesDays: 30,
      leadsDays: 395,
      keepLeadsAfterDisconnect: true,
    });
    expect(put.status).toBe(200);
    const id = await connectAndSelect(rt, tenant, { pages: [W.bikesPageId] });
    await simLead(rt, { pageId: W.bikesPageId, formId: W.bikesLeadFormId });
    await waitForLeads(rt, tenant, 1);
    expect((await api.delete(`/api/v1/connections/${id}`)).status).toBe(202);
    await gone(tenant, id);
    expect((await api.get('/api/v1/leads')).json.items).toHaveLength(1);
    expect((await leftovers(rt, id)).map((i) => i.entity)).toEqual(['lead']);
  });
});

describe('the deletion worker', () => {
  it('resumes a purge interrupted half-way and completes it', async () => {
    const tenant = 'crash-co';
    const id = await connectAndSelect(rt, tenant, { pages: [W.bikesPageId] });
    await seedLeads(tenant, id, 300);
    const cmd = await disconnectHeld(tenant, id);
    // before the worker has run at all, the tokens are already gone
    const held = (await scanAll(rt)).filter((i) => i.connectionId === id);
    expect(held.filter((i) => i.entity === 'page-token')).toEqual([]);
    expect(held.find((i) => i.entity === 'connection')).toMatchObject({ status: 'revoked' });
    expect(held.find((i) => i.entity === 'connection')!.userTokenCiphertext).toBeUndefined();

    // the worker "crashes" after 120 deletes
    const first = await purgeConnection(privacyDeps(rt).purge, cmd, { stopAfter: 120 });
    expect(first).toMatchObject({ outcome: 'stopped', deleted: 120 });
    expect((await leftovers(rt, id)).length).toBeGreaterThan(150);
    // the connection record, which tells a resumed purge what to look for, is still there
    expect(
      (await rt.api({ token: await rt.token(tenant) }).get(`/api/v1/connections/${id}`)).json.status,
    ).toBe('revoked');
    const status = (await rt.api().get(`/api/v1/meta/data-deletion/${cmd.deletionCode}`)).json;
    expect(status.status).toBe('pending');

    // the redelivered message runs the same purge again
    const second = await purgeConnection(privacyDeps(rt).purge, cmd);
    expect(second).toMatchObject({ outcome: 'purged', reason: 'purged' });
    expect(await leftovers(rt, id)).toEqual([]);
    expect((await rt.api().get(`/api/v1/meta/data-deletion/${cmd.deletionCode}`)).json.status).toBe(
      'completed',
    );
    // and once more: nothing left, still fine
    expect(await purgeConnection(privacyDeps(rt).purge, cmd)).toMatchObject({ outcome: 'already_gone' });
  });

  it('re-queues itself when its time budget is spent, and the worker finishes the purge', async () => {
    const tenant = 'budget-co';
    const id = await connectAndSelect(rt, tenant, { pages: [W.bikesPageId] });
    await seedLeads(tenant, id, 200);
    const cmd = await disconnectHeld(tenant, id);
    const result = await purgeConnection(privacyDeps(rt).purge, cmd, { deadline: new Date() });
    expect(result).toMatchObject({ outcome: 'continued', reason: 'time_budget_spent' });
    await gone(tenant, id);
    expect(await leftovers(rt, id)).toEqual([]);
  });

  it('never purges a live connection under that id', async () => {
    const tenant = 'live-co';
    const id = await connectAndSelect(rt, tenant, { pages: [W.bikesPageId] });
    const result = await purgeConnection(privacyDeps(rt).purge, {
      tenantId: tenant,
      connectionId: id,
      deletionCode: 'stray-command-0001',
      requestedBy: 'user:test',
    });
    expect(result).toMatchObject({ outcome: 'refused', reason: 'connection_active', deleted: 0 });
    expect(
      (await rt.api({ token: await rt.token(tenant) }).get(`/api/v1/connections/${id}`)).json.status,
    ).toBe('active');
  });

  it('a reconnect while the purge is pending starts a new connection, which the purge leaves alone', async () => {
    const tenant = 'comeback-co';
    const old = await connectAndSelect(rt, tenant, { pages: [W.bikesPageId] });
    const cmd = await disconnectHeld(tenant, old);
    const fresh = await connectAndSelect(rt, tenant, { pages: [W.bikesPageId] });
    expect(fresh).not.toBe(old);
    await purgeConnection(privacyDeps(rt).purge, cmd);
    const api = rt.api({ token: await rt.token(tenant) });
    expect((await api.get(`/api/v1/connections/${old}`)).status).toBe(404);
    expect((await api.get(`/api/v1/connections/${fresh}`)).json).toMatchObject({
      status: 'active',
      selection: { pages: [W.bikesPageId] },
    });
    const items = (await scanAll(rt)).filter((i) => i.connectionId === fresh);
    expect(items.map((i) => i.entity)).toEqual(expect.arrayContaining(['page-token', 'route']));
  });
});
