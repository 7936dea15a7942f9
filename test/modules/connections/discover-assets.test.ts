/**
 * The catalog from Meta with a fake Graph slice: each edge read only when its permission was granted,
 * and assets granted one by one (debug_token's `granular_scopes[].target_ids`) read by their id.
 */
import { discoverAssets, grantedPages } from '../../../lambdas/modules/connections/core/discover-assets';
import { connectionFakes, page } from './fakes';

it('reads only what was granted: no businesses, ad accounts or forms without their permissions', async () => {
  const f = connectionFakes();
  f.graph.pages = [page('pg1')];
  const pages = await grantedPages(f.graph, 'user', ['pages_show_list']);
  const catalog = await discoverAssets(f.graph, 'user', pages, ['pages_show_list']);
  expect(catalog.pages.map((p) => p.id)).toEqual(['pg1']);
  expect(f.graph.calls.map((c) => c.method)).toEqual(['listPages']);
});

it('without pages_show_list no Page is listed at all', async () => {
  const f = connectionFakes();
  expect(await grantedPages(f.graph, 'user', ['business_management'])).toEqual([]);
  expect(f.graph.calls).toEqual([]);
});

it('lead forms are read with the Page token only when pages_manage_ads and pages_read_engagement were granted', async () => {
  const f = connectionFakes();
  f.graph.pages = [page('pg1')];
  f.graph.leadForms.pg1 = [{ id: 'form1', name: 'Form', status: 'ACTIVE' }];
  const granted = ['pages_show_list', 'pages_manage_ads', 'pages_read_engagement'];
  const catalog = await discoverAssets(
    f.graph,
    'user',
    await grantedPages(f.graph, 'user', granted),
    granted,
  );
  expect(catalog.leadForms).toEqual([{ id: 'form1', name: 'Form', pageId: 'pg1', status: 'ACTIVE' }]);
  expect(f.graph.called('listLeadForms')).toEqual([['pg1', 'page-token:pg1']]);
});

it('assets granted one by one are read by id when no edge lists them (Pages, businesses, ad accounts, WhatsApp)', async () => {
  const f = connectionFakes();
  f.graph.whatsappNumbers = [
    { id: 'ph1', wabaId: 'waba1', wabaName: 'W', displayPhoneNumber: '+351 000', verifiedName: 'Bakery' },
  ];
  const granted = ['pages_show_list', 'business_management', 'ads_read', 'whatsapp_business_management'];
  const targets = {
    pages_show_list: ['pg7'],
    business_management: ['biz1'],
    ads_read: ['123'],
    whatsapp_business_management: ['waba1'],
  };
  const pages = await grantedPages(f.graph, 'user', granted, targets);
  const catalog = await discoverAssets(f.graph, 'user', pages, granted, targets);
  expect(catalog.pages.map((p) => p.id)).toEqual(['pg7']);
  expect(catalog.businesses).toEqual([{ id: 'biz1', name: 'Business biz1' }]);
  expect(catalog.adAccounts.map((a) => a.id)).toEqual(['act_123']);
  expect(catalog.whatsappNumbers).toEqual([
    { id: 'ph1', name: 'Bakery', businessId: 'biz1', wabaId: 'waba1', displayPhoneNumber: '+351 000' },
  ]);
  // the WhatsApp account came with the business: not read again on its own
  expect(f.graph.called('wabaNumbers')).toEqual([]);
  expect(f.graph.called('getPage')).toEqual([['pg7', 'user']]);
});
