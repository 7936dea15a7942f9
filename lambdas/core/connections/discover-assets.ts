/**
 * Builds the asset catalog a person can choose from: the Pages they picked in Meta's dialog, the
 * businesses that own them, linked Instagram business accounts, ad accounts, lead forms and WhatsApp
 * numbers. Each edge is read only when its permission was granted (data minimization).
 */
import type { MetaGraph, MetaPageWithToken } from '../meta/meta-graph';
import type { AssetCatalog } from './assets';
import { emptyCatalog } from './assets';

export async function discoverAssets(
  graph: MetaGraph,
  userToken: string,
  pages: MetaPageWithToken[],
  granted: readonly string[],
): Promise<AssetCatalog> {
  const has = (s: string) => granted.includes(s);
  const catalog = emptyCatalog();
  const pageBusiness = new Map<string, string>();
  const adAccountBusiness = new Map<string, string>();

  if (has('business_management')) {
    catalog.businesses = (await graph.listBusinesses(userToken)).map((b) => ({ id: b.id, name: b.name }));
    for (const b of catalog.businesses) {
      for (const p of await graph.listBusinessPages(b.id, userToken)) pageBusiness.set(p.id, b.id);
      if (has('ads_read') || has('ads_management')) {
        for (const a of await graph.listBusinessAdAccounts(b.id, userToken))
          adAccountBusiness.set(a.id, b.id);
      }
      if (has('whatsapp_business_management')) {
        for (const n of await graph.listWhatsAppNumbers(b.id, userToken)) {
          catalog.whatsappNumbers.push({
            id: n.id,
            name: n.verifiedName ?? n.displayPhoneNumber ?? n.id,
            businessId: b.id,
            wabaId: n.wabaId,
            displayPhoneNumber: n.displayPhoneNumber,
          });
        }
      }
    }
  }

  for (const p of pages) {
    catalog.pages.push({
      id: p.id,
      name: p.name,
      businessId: pageBusiness.get(p.id) ?? null,
      category: p.category,
      instagramAccountId: p.instagramBusinessAccountId,
    });
    const token = p.accessToken ?? userToken;
    if (p.instagramBusinessAccountId) {
      const ig = has('instagram_basic')
        ? await graph.getInstagramAccount(p.instagramBusinessAccountId, token)
        : { id: p.instagramBusinessAccountId, username: null, name: null };
      catalog.instagramAccounts.push({
        id: ig.id,
        name: ig.name ?? ig.username ?? ig.id,
        username: ig.username,
        pageId: p.id,
      });
    }
    if (has('leads_retrieval') && p.accessToken) {
      for (const f of await graph.listLeadForms(p.id, p.accessToken)) {
        catalog.leadForms.push({ id: f.id, name: f.name, pageId: p.id, status: f.status });
      }
    }
  }

  if (has('ads_read') || has('ads_management')) {
    for (const a of await graph.listAdAccounts(userToken)) {
      catalog.adAccounts.push({
        id: a.id,
        name: a.name,
        accountId: a.accountId,
        currency: a.currency,
        businessId: adAccountBusiness.get(a.id) ?? null,
      });
    }
  }
  return catalog;
}
