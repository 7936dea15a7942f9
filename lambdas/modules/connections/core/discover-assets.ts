/**
 * Builds the asset catalog a person can choose from: the Pages they picked in Meta's dialog, the
 * businesses that own them, linked Instagram business accounts, ad accounts, lead forms and WhatsApp
 * numbers. Each edge is read only when its permission was granted (data minimization).
 *
 * With granular consent (Facebook Login for Business) a person may grant an asset on its own, without
 * the business edge that would list it; `debug_token`'s `granular_scopes[].target_ids` names those
 * assets, and each one not found through the edges is read by its id
 * (https://developers.facebook.com/docs/graph-api/reference/debug_token). WhatsApp accounts other
 * businesses shared (an agency's clients) come from `client_whatsapp_business_accounts`.
 */
import type { AssetGraph, MetaPageWithToken } from '../ports';
import type { AssetCatalog } from './assets';
import { emptyCatalog } from './assets';

type Targets = Readonly<Record<string, readonly string[]>>;

const grantedTo = (granted: readonly string[], targets: Targets) => (scope: string) =>
  granted.includes(scope) ? (targets[scope] ?? []) : [];

/** The Pages the person manages and picked, with their tokens: `me/accounts` and those granted one by one. */
export async function grantedPages(
  graph: AssetGraph,
  userToken: string,
  granted: readonly string[],
  targets: Targets = {},
): Promise<MetaPageWithToken[]> {
  if (!granted.includes('pages_show_list')) return [];
  const pages = await graph.listPages(userToken);
  for (const pageId of grantedTo(granted, targets)('pages_show_list'))
    if (!pages.some((p) => p.id === pageId)) pages.push(await graph.getPage(pageId, userToken));
  return pages;
}

export async function discoverAssets(
  graph: AssetGraph,
  userToken: string,
  pages: MetaPageWithToken[],
  granted: readonly string[],
  /** `granular_scopes[].target_ids` by scope, when Meta reported them */
  targets: Targets = {},
): Promise<AssetCatalog> {
  const has = (s: string) => granted.includes(s);
  const targetsOf = grantedTo(granted, targets);
  const catalog = emptyCatalog();
  const pageBusiness = new Map<string, string>();
  const adAccountBusiness = new Map<string, string>();

  if (has('business_management')) {
    const businesses = await graph.listBusinesses(userToken);
    for (const id of targetsOf('business_management'))
      if (!businesses.some((b) => b.id === id)) businesses.push(await graph.getBusiness(id, userToken));
    catalog.businesses = businesses.map((b) => ({ id: b.id, name: b.name }));
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
  // WhatsApp accounts granted on their own (no business_management, or a business not listed)
  for (const wabaId of targetsOf('whatsapp_business_management')) {
    if (catalog.whatsappNumbers.some((n) => n.wabaId === wabaId)) continue;
    for (const n of await graph.wabaNumbers(wabaId, userToken)) {
      catalog.whatsappNumbers.push({
        id: n.id,
        name: n.verifiedName ?? n.displayPhoneNumber ?? n.id,
        businessId: null,
        wabaId: n.wabaId,
        displayPhoneNumber: n.displayPhoneNumber,
      });
    }
  }

  // Meta lists a Page's forms to a Page token carrying pages_manage_ads and pages_read_engagement
  // (https://developers.facebook.com/docs/marketing-api/guides/lead-ads/create); leads_retrieval alone
  // reads leads, not forms
  const formsReadable = has('pages_manage_ads') && has('pages_read_engagement');
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
        : { id: p.instagramBusinessAccountId, username: null };
      catalog.instagramAccounts.push({
        id: ig.id,
        // the account's display name is not asked for: the username is how people know it
        name: ig.username ? `@${ig.username}` : ig.id,
        username: ig.username,
        pageId: p.id,
      });
    }
    if (formsReadable && p.accessToken) {
      for (const f of await graph.listLeadForms(p.id, p.accessToken)) {
        catalog.leadForms.push({ id: f.id, name: f.name, pageId: p.id, status: f.status });
      }
    }
  }

  if (has('ads_read') || has('ads_management')) {
    const accounts = await graph.listAdAccounts(userToken);
    for (const raw of [...targetsOf('ads_management'), ...targetsOf('ads_read')]) {
      const id = raw.startsWith('act_') ? raw : `act_${raw}`;
      if (!accounts.some((a) => a.id === id)) accounts.push(await graph.getAdAccount(id, userToken));
    }
    for (const a of accounts) {
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
