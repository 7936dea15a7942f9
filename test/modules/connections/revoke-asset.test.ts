/**
 * Revoking one asset with fakes: out of the selection and the catalog at once (a Page takes its forms
 * and its token with it, its subscription dropped where nobody else needs it), and the purge of what was
 * kept for it queued as the privacy module's command.
 */
import { revokeAsset } from '../../../lambdas/modules/connections/core/revoke-asset';
import { emptyCatalog, emptySelection } from '../../../lambdas/modules/connections/core/assets';
import { AssetPurgeRequested } from '../../../lambdas/modules/privacy/contracts';
import type { AssetCatalog } from '../../../lambdas/modules/connections/contracts';
import { connection, connectionFakes } from './fakes';

const catalog = (): AssetCatalog => ({
  ...emptyCatalog(),
  pages: [
    { id: 'pg1', name: 'One', businessId: null, category: null, instagramAccountId: null },
    { id: 'pg2', name: 'Two', businessId: null, category: null, instagramAccountId: null },
  ],
  leadForms: [{ id: 'form1', name: 'Form', pageId: 'pg1', status: 'ACTIVE' }],
  adAccounts: [{ id: 'act_1', name: 'Ads', businessId: null, currency: 'EUR', accountId: '1' }],
});

const selected = { ...emptySelection(), pages: ['pg1', 'pg2'], leadForms: ['form1'], adAccounts: ['act_1'] };

it('a Page goes with its forms and token: deselected, unsubscribed, out of the catalog, its purge queued', async () => {
  const f = connectionFakes();
  await f.connections.add(connection({ selection: selected }), {
    catalog: catalog(),
    pageTokens: ['pg1', 'pg2'],
  });
  const out = await revokeAsset(f.deps, 't1', 'con_1', 'pg1', 'user:ana');
  expect(out).toEqual({
    assetId: 'pg1',
    kind: 'pages',
    alsoRevoked: ['form1'],
    unsubscribed: ['pg1'],
    pageTokenDeleted: true,
    purge: 'queued',
  });
  expect(f.connections.stored()?.selection).toMatchObject({
    pages: ['pg2'],
    leadForms: [],
    adAccounts: ['act_1'],
  });
  expect((await f.connections.getAssets('t1', 'con_1'))?.pages.map((p) => p.id)).toEqual(['pg2']);
  expect(await f.connections.getPageToken('t1', 'con_1', 'pg1')).toBeUndefined();
  expect(f.commands).toEqual([
    {
      detailType: AssetPurgeRequested.detailType,
      detail: { tenantId: 't1', connectionId: 'con_1', assetIds: ['pg1', 'form1'], requestedBy: 'user:ana' },
    },
  ]);
  expect(f.audit.at(-1)).toMatchObject({ action: 'asset.revoke', reason: 'revoked_by_tenant' });
});

it('without a token to reach Meta the selection still changes here (routing stops at once)', async () => {
  const f = connectionFakes();
  await f.connections.add(
    connection({ status: 'expired', userTokenCiphertext: undefined, selection: selected }),
    {
      catalog: catalog(),
    },
  );
  const out = await revokeAsset(f.deps, 't1', 'con_1', 'act_1', 'user:ana');
  expect(out).toMatchObject({ kind: 'adAccounts', unsubscribed: [], pageTokenDeleted: false });
  expect(f.graph.calls).toEqual([]);
  expect(await f.connections.routesFor('act_1')).toEqual([]);
  expect(f.commands).toHaveLength(1);
});

it('refuses an asset the connection does not have, and any asset of a disconnected connection', async () => {
  const f = connectionFakes();
  await f.connections.add(connection({ selection: selected }), { catalog: catalog() });
  await expect(revokeAsset(f.deps, 't1', 'con_1', 'pg9', 'a')).rejects.toMatchObject({ kind: 'not_found' });
  await f.connections.add(connection({ connectionId: 'con_2', status: 'revoked' }), { catalog: catalog() });
  await expect(revokeAsset(f.deps, 't1', 'con_2', 'pg1', 'a')).rejects.toMatchObject({
    kind: 'conflict',
    reason: 'connection_revoked',
  });
  expect(f.commands).toEqual([]);
});

describe('a WhatsApp number', () => {
  const number = (id: string, wabaId: string) => ({
    id,
    name: id,
    businessId: null,
    wabaId,
    displayPhoneNumber: null,
  });
  const withNumbers = (): AssetCatalog => ({
    ...emptyCatalog(),
    whatsappNumbers: [number('pn1', 'waba1'), number('pn2', 'waba1'), number('pn3', 'waba2')],
  });
  const purged = (f: ReturnType<typeof connectionFakes>) =>
    (f.commands.at(-1)?.detail as { assetIds: string[] }).assetIds;

  it("the account's last selected number takes the account's templates along: its id joins the purge", async () => {
    const f = connectionFakes();
    await f.connections.add(
      connection({ selection: { ...emptySelection(), whatsappNumbers: ['pn1', 'pn3'] } }),
      { catalog: withNumbers() },
    );
    await revokeAsset(f.deps, 't1', 'con_1', 'pn1', 'user:ana');
    expect(purged(f)).toEqual(['pn1', 'waba1']);
    expect(f.audit.at(-1)?.details).toMatchObject({ accountsReleased: ['waba1'] });
  });

  it('while another number of the account stays selected, the account and its templates stay', async () => {
    const f = connectionFakes();
    await f.connections.add(
      connection({ selection: { ...emptySelection(), whatsappNumbers: ['pn1', 'pn2'] } }),
      { catalog: withNumbers() },
    );
    await revokeAsset(f.deps, 't1', 'con_1', 'pn1', 'user:ana');
    expect(purged(f)).toEqual(['pn1']);
    expect(f.audit.at(-1)?.details).toMatchObject({ accountsReleased: [] });
  });
});
