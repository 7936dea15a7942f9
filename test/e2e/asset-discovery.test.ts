/**
 * Asset discovery with what Meta's granular consent actually grants. A person may grant a WhatsApp
 * account without business_management: `debug_token`'s `granular_scopes[].target_ids` names it and its
 * numbers are read by the account id
 * (https://developers.facebook.com/docs/graph-api/reference/debug_token). Lead forms are listed only with
 * pages_manage_ads and pages_read_engagement
 * (https://developers.facebook.com/docs/marketing-api/guides/lead-ads/create): with leads_retrieval
 * alone the Page is offered without forms and the connection does not fail on a permission error.
 */
import { withLocalRuntime } from '../support/local-runtime';
import { oauthDance, simJson } from '../support/meta-connect';
import { DEFAULT_WORLD_IDS as W } from '../../local/meta-simulator';
import { scopesForFeatures, type Feature } from '../../lambdas/core/scopes/scope-registry';

const rt = withLocalRuntime();

interface Call {
  method: string;
  path: string;
  status: number;
  contract: string | null;
}
const calls = async (): Promise<Call[]> => (await simJson(rt, '/_sim/calls')).json.calls;
const clearCalls = () => simJson(rt, '/_sim/calls', { method: 'DELETE' });

async function connect(tenant: string, features: Feature[], without: string[]) {
  const granted = scopesForFeatures(features).scopes.filter((s) => !without.includes(s));
  const dance = await oauthDance(rt, tenant, { features, grantedScopes: granted });
  expect(dance.outcome?.get('status')).toBe('connected');
  const connectionId = dance.outcome!.get('connectionId')!;
  const api = rt.api({ token: await rt.token(tenant) });
  const assets = await api.get(`/api/v1/connections/${connectionId}/assets`);
  expect(assets.status).toBe(200);
  return assets.json;
}

it('WhatsApp granted without business_management: the numbers come from the granted account ids', async () => {
  await clearCalls();
  const assets = await connect('wa-only-co', ['whatsapp'], ['business_management']);
  expect(assets.businesses).toEqual([]);
  expect(assets.whatsappNumbers).toEqual([
    expect.objectContaining({ id: W.phoneNumberId, wabaId: W.wabaId, businessId: null }),
  ]);
  const made = await calls();
  expect(made.some((c) => c.path.includes('businesses'))).toBe(false);
  expect(made).toContainEqual(
    expect.objectContaining({ method: 'GET', path: `/${W.wabaId}/phone_numbers`, status: 200 }),
  );
});

it('leads_retrieval without pages_manage_ads: the Pages are offered without forms, and nothing fails', async () => {
  await clearCalls();
  const assets = await connect('no-forms-co', ['leads'], ['pages_manage_ads']);
  expect(assets.pages.map((p: { id: string }) => p.id)).toContain(W.bakeryPageId);
  expect(assets.leadForms).toEqual([]);
  const made = await calls();
  expect(made.filter((c) => c.path.endsWith('/leadgen_forms'))).toEqual([]);
  expect(made.filter((c) => c.status !== 200).map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual([]);
});

it('with both Page permissions the forms are listed', async () => {
  const assets = await connect('forms-co', ['leads'], []);
  expect(assets.leadForms).toContainEqual(expect.objectContaining({ id: W.bakeryLeadFormId }));
});

it('an Instagram account is kept by id and username only, as the permission document says', async () => {
  const assets = await connect('ig-co', ['publishing'], []);
  // the account's display name ("Demo Bakery" at Meta) is never asked for
  expect(assets.instagramAccounts).toEqual([
    { id: W.instagramAccountId, pageId: W.bakeryPageId, username: 'demobakery', name: '@demobakery' },
  ]);
});
