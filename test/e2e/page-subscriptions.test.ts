/**
 * A Page's webhook subscription is the app's, not a tenant's: `POST /{page-id}/subscribed_apps` sets the
 * app's fields for the Page (https://developers.facebook.com/docs/graph-api/reference/page/subscribed_apps/),
 * and the simulator replaces the list on every call. Two tenants selecting one Page for different
 * features must leave it carrying the union of what both need; a deselection leaves the others' union;
 * the app leaves the Page only with its last selection; the daily check repairs to the union.
 */
import { withLocalRuntime } from '../support/local-runtime';
import { connectAndSelect, simJson } from '../support/meta-connect';
import { DEFAULT_WORLD_IDS as W } from '../../local/meta-simulator';
import { pageFieldsForFeatures } from '../../lambdas/core/webhooks/page-subscription-fields';

const rt = withLocalRuntime();

const LEADS = pageFieldsForFeatures(['leads']);
const INBOX = pageFieldsForFeatures(['inbox']);
const BOTH = pageFieldsForFeatures(['leads', 'inbox']);

async function bakeryFields(): Promise<string[] | null> {
  const state = (await simJson(rt, '/_sim/state')).json;
  const apps = state.pages.find((p: { id: string }) => p.id === W.bakeryPageId).subscribedApps;
  return apps.length === 0 ? null : [...apps[0].subscribedFields].sort();
}

const select = async (tenant: string, connectionId: string, pages: string[]) =>
  rt.api({ token: await rt.token(tenant) }).put(`/api/v1/connections/${connectionId}/selection`, { pages });

it('two tenants, one Page: the union of both, kept by the daily check, left only with the last', async () => {
  expect(LEADS).toEqual(['leadgen']);
  expect(INBOX).toEqual(expect.arrayContaining(['feed', 'messages', 'standby']));
  expect(INBOX).not.toContain('leadgen');

  const leadsConn = await connectAndSelect(
    rt,
    'leads-co',
    { pages: [W.bakeryPageId] },
    { features: ['leads'] },
  );
  expect(await bakeryFields()).toEqual(LEADS);

  // before the union, this selection replaced the Page's fields with the inbox's and leads stopped
  const inboxConn = await connectAndSelect(
    rt,
    'inbox-co',
    { pages: [W.bakeryPageId] },
    { features: ['inbox'] },
  );
  expect(await bakeryFields()).toEqual(BOTH);

  // Meta drops the subscription; whichever tenant's check runs restores all of it
  await simJson(rt, `/_sim/pages/${W.bakeryPageId}/drop-subscription`, { body: {} });
  expect(await bakeryFields()).toBeNull();
  await rt.runtime.runSchedule('subscription-check');
  expect(await bakeryFields()).toEqual(BOTH);

  // the leads tenant leaves: the inbox's fields stay, leadgen goes
  const left = await select('leads-co', leadsConn, []);
  expect(left.status).toBe(200);
  expect(left.json.unsubscribed).toEqual([]);
  expect(await bakeryFields()).toEqual(INBOX);

  // the last selection leaves: the app leaves the Page
  const last = await select('inbox-co', inboxConn, []);
  expect(last.json.unsubscribed).toEqual([W.bakeryPageId]);
  expect(await bakeryFields()).toBeNull();
}, 40_000);
