/**
 * Revoking one asset of a connection, over HTTP on the local runtime: the service stops acting on it at
 * once (selection, webhook subscription, Page token, catalog) and the deletion worker purges what was kept
 * for it and for the lead forms that go with a Page, while the connection's other assets keep theirs.
 */
import { withLocalRuntime } from '../support/local-runtime';
import { connectAndSelect, eventually, simJson } from '../support/meta-connect';
import { simLead, waitForLeads } from '../support/leads';
import { simMessage, waitForConversation } from '../support/inbox';
import { scanAll } from '../support/privacy';
import { DEFAULT_WORLD_IDS as W } from '../../local/meta-simulator';

const rt = withLocalRuntime();
const T = 'revoke-asset-co';

const keptFor = async (connectionId: string, assetIds: string[]) =>
  (await scanAll(rt)).filter(
    (i) =>
      i.connectionId === connectionId &&
      ['pageId', 'assetId', 'formId'].some((f) => assetIds.includes(i[f])) &&
      i.entity !== 'audit',
  );

it('stops acting on a revoked Page at once and purges what was kept for it, leaving the other Page alone', async () => {
  const id = await connectAndSelect(
    rt,
    T,
    { pages: [W.bakeryPageId, W.bikesPageId], leadForms: [W.bakeryLeadFormId] },
    { features: ['leads', 'inbox'] },
  );
  await simLead(rt);
  await waitForLeads(rt, T, 1);
  const bakery = await simMessage(rt, {
    channel: 'messenger',
    assetId: W.bakeryPageId,
    text: 'Bakery question',
  });
  const bikes = await simMessage(rt, { channel: 'messenger', assetId: W.bikesPageId, text: 'Bike question' });
  await waitForConversation(rt, T, (c) => c.contact?.id === bakery.from && c.assetId === W.bakeryPageId);
  await waitForConversation(rt, T, (c) => c.contact?.id === bikes.from && c.assetId === W.bikesPageId);
  const revoked = [W.bakeryPageId, W.bakeryLeadFormId];
  expect((await keptFor(id, revoked)).map((i) => i.entity)).toEqual(
    expect.arrayContaining(['lead', 'conversation', 'inbox-message']),
  );

  const api = rt.api({ token: await rt.token(T) });
  const res = await api.delete(`/api/v1/connections/${id}/assets/${W.bakeryPageId}`);
  expect(res.status).toBe(202);
  expect(res.json).toEqual({
    assetId: W.bakeryPageId,
    kind: 'pages',
    alsoRevoked: [W.bakeryLeadFormId],
    unsubscribed: [W.bakeryPageId],
    pageTokenDeleted: true,
    purge: 'queued',
  });
  // at once: out of the selection and the catalog, its token gone, Meta no longer sends its webhooks
  const conn = (await api.get(`/api/v1/connections/${id}`)).json;
  expect(conn.selection.pages).toEqual([W.bikesPageId]);
  expect(conn.selection.leadForms).toEqual([]);
  const assets = (await api.get(`/api/v1/connections/${id}/assets`)).json;
  expect(assets.pages.map((p: { id: string }) => p.id)).toEqual([W.bikesPageId]);
  const tokens = (await scanAll(rt)).filter((i) => i.connectionId === id && i.entity === 'page-token');
  expect(tokens.map((t) => t.pageId)).toEqual([W.bikesPageId]);
  const pages = (await simJson(rt, '/_sim/state')).json.pages as Array<{
    id: string;
    subscribedApps: unknown[];
  }>;
  expect(pages.find((p) => p.id === W.bakeryPageId)!.subscribedApps).toEqual([]);
  expect(pages.find((p) => p.id === W.bikesPageId)!.subscribedApps).not.toEqual([]);

  // then the purge: nothing kept for the Page or its form; the other Page keeps its conversation
  await eventually(async () => ((await keptFor(id, revoked)).length === 0 ? true : undefined));
  expect((await keptFor(id, [W.bikesPageId])).map((i) => i.entity)).toEqual(
    expect.arrayContaining(['conversation', 'inbox-message']),
  );
  const audit = (await api.get('/api/v1/audit?limit=50')).json.items.map((e: { action: string }) => e.action);
  expect(audit).toEqual(expect.arrayContaining(['asset.revoke', 'asset.purged']));
});

it('an asset the connection does not have, or another tenant’s connection, is 404 and changes nothing', async () => {
  const id = await connectAndSelect(rt, 'revoke-other-co', { pages: [W.bakeryPageId] });
  const mine = rt.api({ token: await rt.token('revoke-other-co') });
  const unknown = await mine.delete(`/api/v1/connections/${id}/assets/123456789012345`);
  expect(unknown.status).toBe(404);
  const stranger = rt.api({ token: await rt.token('revoke-stranger-co') });
  expect((await stranger.delete(`/api/v1/connections/${id}/assets/${W.bakeryPageId}`)).status).toBe(404);
  expect((await mine.delete(`/api/v1/connections/${id}/assets/not-an-id`)).status).toBe(400);
  expect((await mine.get(`/api/v1/connections/${id}`)).json.selection.pages).toEqual([W.bakeryPageId]);
});
