/**
 * The catalog and the selection with fakes: assets read from Meta once and stored, a selection of what
 * Meta showed only, each Page subscribed with the union every tenant's selection needs, and a token
 * Meta refuses turning the connection expired.
 */
import {
  getAssets,
  listConnections,
  selectAssets,
} from '../../../lambdas/modules/connections/core/manage-connections';
import { emptyCatalog, emptySelection } from '../../../lambdas/modules/connections/core/assets';
import type { AssetCatalog } from '../../../lambdas/modules/connections/contracts';
import { connection, connectionFakes, graphError, page, sealed } from './fakes';

const catalog = (): AssetCatalog => ({
  ...emptyCatalog(),
  pages: [
    { id: 'pg1', name: 'One', businessId: null, category: null, instagramAccountId: null },
    { id: 'pg2', name: 'Two', businessId: null, category: null, instagramAccountId: 'ig2' },
  ],
  instagramAccounts: [{ id: 'ig2', name: '@two', pageId: 'pg2', username: 'two' }],
  leadForms: [{ id: 'form1', name: 'Form', pageId: 'pg1', status: 'ACTIVE' }],
});

describe('getAssets', () => {
  it('answers the stored catalog without calling Meta, and reads Meta again on refresh', async () => {
    const f = connectionFakes();
    await f.connections.add(connection(), { catalog: catalog() });
    f.graph.pages = [page('pg3')];
    expect(
      (await getAssets(f.deps, 't1', 'con_1', { refresh: false, actor: 'user:ana' })).pages,
    ).toHaveLength(2);
    expect(f.graph.calls).toEqual([]);

    const fresh = await getAssets(f.deps, 't1', 'con_1', { refresh: true, actor: 'user:ana' });
    expect(fresh.pages.map((p) => p.id)).toEqual(['pg3']);
    expect(f.graph.called('listPages')).toEqual([['user-token']]);
    expect(await f.connections.getPageToken('t1', 'con_1', 'pg3')).toMatchObject({
      ciphertext: sealed('t1', 'con_1', 'page-token:pg3'),
    });
    expect(f.connections.stored()?.assetsSyncedAt).toBe(f.clock.now().toISOString());
  });

  it('a token Meta refuses while listing expires the connection, drops its tokens and says so', async () => {
    const f = connectionFakes();
    await f.connections.add(connection(), { pageTokens: ['pg1'] });
    f.graph.fail('listPages', graphError(190, 460, 401));
    await expect(
      getAssets(f.deps, 't1', 'con_1', { refresh: true, actor: 'user:ana' }),
    ).rejects.toMatchObject({
      kind: 'conflict',
      reason: 'connection_expired_password_changed',
    });
    expect(f.connections.stored()).toMatchObject({ status: 'expired', statusReason: 'password_changed' });
    expect(f.connections.stored()?.userTokenCiphertext).toBeUndefined();
    expect(f.connections.pageTokens.size).toBe(0);
    expect(f.events.map((e) => [e.type, e.detail.reason])).toEqual([
      ['connection.expired', 'password_changed'],
    ]);
  });

  it.each([
    [graphError(4, undefined, 403), 'rate_limited', 'rate_limited_code_4'],
    [graphError(10, undefined, 403), 'conflict', 'permission_missing_code_10'],
    [graphError(2, undefined, 500), 'upstream', 'transient_code_2'],
  ])(
    'another Graph failure is a problem the caller can show, the connection unchanged',
    async (err, kind, reason) => {
      const f = connectionFakes();
      await f.connections.add(connection());
      f.graph.fail('listPages', err);
      await expect(getAssets(f.deps, 't1', 'con_1', { refresh: true, actor: 'a' })).rejects.toMatchObject({
        kind,
        reason,
      });
      expect(f.connections.stored()?.status).toBe('active');
    },
  );

  it('an expired connection is not asked about at Meta; another tenant’s is not found', async () => {
    const f = connectionFakes();
    await f.connections.add(connection({ status: 'expired', userTokenCiphertext: undefined }));
    await expect(getAssets(f.deps, 't1', 'con_1', { refresh: true, actor: 'a' })).rejects.toMatchObject({
      reason: 'connection_expired',
    });
    await expect(getAssets(f.deps, 't2', 'con_1', { refresh: false, actor: 'a' })).rejects.toMatchObject({
      kind: 'not_found',
    });
    expect(f.graph.calls).toEqual([]);
  });
});

describe('selectAssets', () => {
  it("subscribes each newly selected Page with its features' fields, a form bringing its Page", async () => {
    const f = connectionFakes();
    await f.connections.add(connection({ features: ['leads'] }), {
      catalog: catalog(),
      pageTokens: ['pg1', 'pg2'],
    });
    const out = await selectAssets(f.deps, 't1', 'con_1', { leadForms: ['form1'] }, 'user:ana');
    expect(out).toEqual({
      selection: { ...emptySelection(), pages: ['pg1'], leadForms: ['form1'] },
      subscribed: ['pg1'],
      unsubscribed: [],
      subscribedFields: ['leadgen'],
    });
    expect(f.graph.called('subscribePage')).toEqual([['pg1', 'page-token:pg1', ['leadgen']]]);
    expect(await f.connections.routesFor('form1')).toEqual([
      { tenantId: 't1', connectionId: 'con_1', assetType: 'leadForms', assetId: 'form1' },
    ]);
    expect(f.audit.at(-1)).toMatchObject({ action: 'selection.update', result: 'success' });
  });

  it("a Page another tenant still relies on keeps the union of the others' fields instead of being dropped", async () => {
    const f = connectionFakes();
    await f.connections.add(
      connection({
        tenantId: 'agency',
        connectionId: 'con_a',
        features: ['inbox'],
        selection: { ...emptySelection(), pages: ['pg1'] },
      }),
    );
    await f.connections.add(
      connection({ features: ['leads'], selection: { ...emptySelection(), pages: ['pg1'] } }),
      {
        catalog: catalog(),
        pageTokens: ['pg1'],
      },
    );
    const out = await selectAssets(f.deps, 't1', 'con_1', { pages: [] }, 'user:ana');
    expect(out.unsubscribed).toEqual([]);
    expect(f.graph.called('unsubscribePage')).toEqual([]);
    const [[pageId, , fields]] = f.graph.called('subscribePage') as [[string, string, string[]]];
    expect(pageId).toBe('pg1');
    expect(fields).not.toContain('leadgen');
    expect(fields).toContain('messages');
  });

  it('a Page no selection needs any more is unsubscribed', async () => {
    const f = connectionFakes();
    await f.connections.add(connection({ selection: { ...emptySelection(), pages: ['pg1'] } }), {
      catalog: catalog(),
      pageTokens: ['pg1'],
    });
    const out = await selectAssets(f.deps, 't1', 'con_1', {}, 'user:ana');
    expect(out.unsubscribed).toEqual(['pg1']);
    expect(f.graph.called('unsubscribePage')).toEqual([['pg1', 'page-token:pg1']]);
  });

  it('refuses ids Meta did not show, and a selection before the catalog was listed', async () => {
    const f = connectionFakes();
    await f.connections.add(connection(), { catalog: catalog() });
    await expect(selectAssets(f.deps, 't1', 'con_1', { pages: ['pg9'] }, 'a')).rejects.toMatchObject({
      kind: 'validation',
      reason: 'unknown_asset',
      issues: [{ field: 'body.pages.0', message: "pg9 is not one of this connection's pages" }],
    });
    const g = connectionFakes();
    await g.connections.add(connection());
    await expect(selectAssets(g.deps, 't1', 'con_1', { pages: [] }, 'a')).rejects.toMatchObject({
      reason: 'assets_not_loaded',
    });
  });

  it('a Page without its token cannot be subscribed: nothing is stored and the failure is audited', async () => {
    const f = connectionFakes();
    await f.connections.add(connection(), { catalog: catalog() });
    await expect(selectAssets(f.deps, 't1', 'con_1', { pages: ['pg1'] }, 'a')).rejects.toMatchObject({
      reason: 'page_token_missing',
    });
    expect(f.connections.stored()?.selection.pages).toEqual([]);
    expect(f.audit.at(-1)).toMatchObject({
      action: 'selection.update',
      result: 'failure',
      reason: 'subscription_failed',
    });
  });
});

it('lists a tenant’s connections as the API shows them: no ciphertext, no token', async () => {
  const f = connectionFakes();
  await f.connections.add(connection());
  await f.connections.add(connection({ tenantId: 't2', connectionId: 'con_2' }));
  const out = await listConnections(f.deps, 't1', { limit: 10 });
  expect(out.items.map((c) => c.id)).toEqual(['con_1']);
  expect(JSON.stringify(out)).not.toContain('user-token');
});
