/**
 * The whole connect flow over HTTP against the running local runtime and the Meta simulator.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { withLocalRuntime } from '../support/local-runtime';
import { connectAndSelect, oauthDance, RETURN_URL, simJson } from '../support/meta-connect';
import { DEFAULT_WORLD_IDS as W } from '../../local/meta-simulator';
import { KmsTokenVault } from '../../lambdas/platform/adapters/vault/kms-vault';

const rt = withLocalRuntime();

async function scanAll(): Promise<Record<string, any>[]> {
  const { deps, config } = rt.runtime;
  const items: Record<string, any>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await deps.clients.dynamo.send(
      new ScanCommand({ TableName: config.tableName, ExclusiveStartKey: start }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

describe('connecting a Meta account', () => {
  it('authorize → consent → callback → assets → selection → the Page is subscribed', async () => {
    const api = rt.api({ token: await rt.token('acme') });
    const dance = await oauthDance(rt, 'acme', { features: ['leads'] });

    // the dialog asked for exactly the lead scopes
    const scope = new URL(dance.start.json.authUrl).searchParams.get('scope')!.split(',');
    expect(scope).toEqual(
      expect.arrayContaining(['leads_retrieval', 'pages_show_list', 'pages_manage_metadata']),
    );
    expect(scope).not.toContain('pages_manage_posts');

    expect(dance.callback.status).toBe(302);
    expect(dance.outcome?.get('status')).toBe('connected');
    const connectionId = dance.outcome!.get('connectionId')!;
    expect(dance.callback.headers.get('location')!.startsWith(RETURN_URL)).toBe(true);

    const conn = await api.get(`/api/v1/connections/${connectionId}`);
    expect(conn.status).toBe(200);
    expect(conn.json).toMatchObject({
      id: connectionId,
      status: 'active',
      metaUser: { id: W.userId, name: 'Dana Demo' },
      partialGrant: false,
      features: ['leads'],
    });
    expect(conn.json.grantedScopes).toEqual(expect.arrayContaining(['leads_retrieval']));
    expect(Date.parse(conn.json.tokenExpiresAt)).toBeGreaterThan(Date.now() + 50 * 86_400_000);

    const assets = await api.get(`/api/v1/connections/${connectionId}/assets`);
    expect(assets.status).toBe(200);
    expect(assets.json.businesses).toEqual([{ id: W.businessId, name: 'Demo Business' }]);
    expect(assets.json.pages.map((p: any) => p.id).sort()).toEqual([W.bakeryPageId, W.bikesPageId].sort());
    expect(assets.json.pages.find((p: any) => p.id === W.bakeryPageId)).toMatchObject({
      businessId: W.businessId,
    });
    expect(assets.json.leadForms).toContainEqual(
      expect.objectContaining({ id: W.bakeryLeadFormId, pageId: W.bakeryPageId }),
    );
    expect(assets.json.instagramAccounts).toContainEqual(
      expect.objectContaining({ id: W.instagramAccountId, pageId: W.bakeryPageId }),
    );
    for (const key of ['adAccounts', 'whatsappNumbers']) expect(Array.isArray(assets.json[key])).toBe(true);

    const sel = await api.put(`/api/v1/connections/${connectionId}/selection`, { pages: [W.bakeryPageId] });
    expect(sel.status).toBe(200);
    expect(sel.json).toMatchObject({ subscribed: [W.bakeryPageId], subscribedFields: ['leadgen'] });
    expect(sel.json.selection.pages).toEqual([W.bakeryPageId]);

    const state = await simJson(rt, '/_sim/state');
    const bakery = state.json.pages.find((p: any) => p.id === W.bakeryPageId);
    const bikes = state.json.pages.find((p: any) => p.id === W.bikesPageId);
    expect(JSON.stringify(bakery.subscribedApps)).toContain('leadgen');
    expect(bikes.subscribedApps).toHaveLength(0);

    // deselecting unsubscribes
    const desel = await api.put(`/api/v1/connections/${connectionId}/selection`, { pages: [] });
    expect(desel.json.unsubscribed).toEqual([W.bakeryPageId]);
    const after = await simJson(rt, '/_sim/state');
    expect(after.json.pages.find((p: any) => p.id === W.bakeryPageId).subscribedApps).toHaveLength(0);
  });

  it('stores tokens only as KMS ciphertext that decrypts under the right context alone', async () => {
    const connectionId = await connectAndSelect(rt, 'cipher-co', { pages: [W.bakeryPageId] });
    const items = (await scanAll()).filter((i) => i.pk === 'T#cipher-co' && i.connectionId === connectionId);
    const connection = items.find((i) => i.entity === 'connection')!;
    const pageToken = items.find((i) => i.entity === 'page-token' && i.pageId === W.bakeryPageId)!;
    expect(connection.userTokenCiphertext).toMatch(/^kms1:/);
    expect(pageToken.ciphertext).toMatch(/^kms1:/);

    // the production vault, over the local KMS endpoint
    const { vault } = rt.runtime.deps;
    expect(vault).toBeInstanceOf(KmsTokenVault);
    const ctx = { tenantId: 'cipher-co', connectionId };
    const userToken = await vault.decrypt(connection.userTokenCiphertext, ctx);
    expect(userToken).not.toEqual(connection.userTokenCiphertext);
    expect(JSON.stringify(items)).not.toContain(userToken);
    // the decrypted token is the one Meta issued: the simulator accepts it
    const me = await fetch(
      `${rt.runtime.simUrl}/v26.0/debug_token?input_token=${encodeURIComponent(userToken)}&access_token=${encodeURIComponent(`${rt.runtime.metaApp.appId}|${rt.runtime.metaApp.appSecret}`)}`,
    );
    expect(((await me.json()) as any).data.is_valid).toBe(true);

    // moved to another tenant or connection, KMS refuses them
    await expect(
      vault.decrypt(connection.userTokenCiphertext, { tenantId: 'other-co', connectionId }),
    ).rejects.toMatchObject({ name: 'InvalidCiphertextException' });
    await expect(
      vault.decrypt(pageToken.ciphertext, { tenantId: 'cipher-co', connectionId: 'con_other' }),
    ).rejects.toMatchObject({ name: 'InvalidCiphertextException' });
    // give the Page back: while a tenant selects it, the app stays subscribed (the flow test checks that
    // deselecting unsubscribes, which holds only when nobody else selected it)
    const api = rt.api({ token: await rt.token('cipher-co') });
    expect((await api.put(`/api/v1/connections/${connectionId}/selection`, { pages: [] })).status).toBe(200);
  });

  it('a second tenant sees none of the first tenant connections (404, never 403)', async () => {
    const connectionId = await connectAndSelect(rt, 'tenant-a', { pages: [] });
    const b = rt.api({ token: await rt.token('tenant-b') });
    const list = await b.get('/api/v1/connections');
    expect(list.status).toBe(200);
    expect(list.json).toEqual({ items: [], nextCursor: null });
    for (const path of [
      `/api/v1/connections/${connectionId}`,
      `/api/v1/connections/${connectionId}/assets`,
    ]) {
      const res = await b.get(path);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    const put = await b.put(`/api/v1/connections/${connectionId}/selection`, { pages: [] });
    expect(put.status).toBe(404);
    const a = rt.api({ token: await rt.token('tenant-a') });
    expect((await a.get('/api/v1/connections')).json.items.map((c: any) => c.id)).toContain(connectionId);
  });

  it('reconnecting the same Meta user refreshes the connection instead of duplicating it', async () => {
    const first = await oauthDance(rt, 'again-co');
    const second = await oauthDance(rt, 'again-co');
    expect(second.outcome?.get('connectionId')).toBe(first.outcome?.get('connectionId'));
    const list = await rt.api({ token: await rt.token('again-co') }).get('/api/v1/connections');
    expect(list.json.items).toHaveLength(1);
  });
});
