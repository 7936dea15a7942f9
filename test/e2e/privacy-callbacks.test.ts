/**
 * Meta's privacy callbacks over HTTP on the local runtime: `signed_request` checks, deauthorize (tokens
 * cleared in every tenant at once, then the data purged), data deletion (confirmation code, public status page, purge), and a
 * deletion request for a user we never saw.
 */
import { createHmac } from 'node:crypto';
import { withLocalRuntime } from '../support/local-runtime';
import { connectAndSelect, eventually, simJson } from '../support/meta-connect';
import { simLead, waitForLeads } from '../support/leads';
import { leftovers, nowS, postSignedRequest, privacyDeps, scanAll, signed } from '../support/privacy';
import { DEFAULT_WORLD_IDS as W } from '../../local/meta-simulator';
import { requestDataDeletion } from '../../lambdas/modules/privacy/core/meta-callbacks';
import { purgeConnection, type PurgeCommand } from '../../lambdas/modules/privacy/core/purge-connection';

const rt = withLocalRuntime();
const CALLBACKS = ['/api/v1/meta/deauthorize', '/api/v1/meta/data-deletion'];

describe('signed_request validation', () => {
  let connectionId: string;
  beforeAll(async () => {
    connectionId = await connectAndSelect(rt, 'guarded-co', { pages: [W.bakeryPageId] });
  });
  // the requests name the connected user: had any been accepted, the connection would be revoked
  const good = () => ({ algorithm: 'HMAC-SHA256', issued_at: nowS(), user_id: W.userId });
  const withWrongSignature = () =>
    `${Buffer.from('x'.repeat(32)).toString('base64url')}.${signed(rt, good()).split('.')[1]}`;
  const notJson = () => {
    const payload = Buffer.from('{"algorithm":"HMAC').toString('base64url');
    const sig = createHmac('sha256', rt.runtime.metaApp.appSecret).update(payload).digest('base64url');
    return `${sig}.${payload}`;
  };

  it.each([
    ['a wrong signature', withWrongSignature, 'signature_mismatch'],
    ['a wrong algorithm', () => signed(rt, { ...good(), algorithm: 'HMAC-SHA1' }), 'algorithm_not_supported'],
    ['a malformed encoding', () => 'not base64!.%%%', 'signed_request_malformed'],
    ['a signed payload that is not JSON', notJson, 'signed_request_malformed'],
    ['an old issued_at', () => signed(rt, { ...good(), issued_at: nowS() - 7200 }), 'signed_request_expired'],
    [
      'an issued_at in the future',
      () => signed(rt, { ...good(), issued_at: nowS() + 3600 }),
      'signed_request_from_future',
    ],
    ['no signed_request', () => '', 'signed_request_missing'],
  ])('%s is 401 problem+json and changes nothing', async (_name, make, reason) => {
    const before = await scanAll(rt);
    const events = rt.runtime.events().length;
    for (const path of CALLBACKS) {
      const res = await postSignedRequest(rt, path, make());
      expect(res.status).toBe(401);
      expect(res.contentType).toContain('application/problem+json');
      expect(res.json).toMatchObject({ status: 401, reason });
    }
    expect(await scanAll(rt)).toEqual(before);
    expect(rt.runtime.events().length).toBe(events);
    const conn = await rt
      .api({ token: await rt.token('guarded-co') })
      .get(`/api/v1/connections/${connectionId}`);
    expect(conn.json.status).toBe('active');
  });
});

describe('deauthorize', () => {
  it("clears that Meta user's tokens in every tenant at once, marks the connections revoked, then purges their data", async () => {
    const a = await connectAndSelect(rt, 'deauth-a', { pages: [W.bakeryPageId] });
    const b = await connectAndSelect(rt, 'deauth-b', { pages: [W.bikesPageId] });
    await simLead(rt);
    await waitForLeads(rt, 'deauth-a', 1);
    const res = await simJson(rt, `/_sim/users/${W.userId}/revoke`, { body: {} });
    expect(res.json.deauthorizeStatus).toBe(200);

    for (const [tenant, id] of [
      ['deauth-a', a],
      ['deauth-b', b],
    ] as const) {
      const api = rt.api({ token: await rt.token(tenant) });
      // the revocation, at once: its audit entry says why and how many Page tokens went with the user token
      // (the connection itself is purged moments later, so it is read back from the audit log)
      const audit = await api.get('/api/v1/audit?action=connection.revoke');
      expect(audit.json.items[0]).toMatchObject({
        actor: 'meta',
        target: `connection:${id}`,
        reason: 'user_deauthorized',
        result: 'success',
        details: { previousStatus: 'active', deletionRequested: true, pageTokensDeleted: expect.any(Number) },
      });
      expect(audit.json.items[0].details.pageTokensDeleted).toBeGreaterThan(0);
      // then the purge: the connection and everything kept for it
      await eventually(async () =>
        (await api.get(`/api/v1/connections/${id}`)).status === 404 ? true : undefined,
      );
      const purged = await eventually(async () => {
        const items = (await api.get('/api/v1/audit?action=deletion.completed')).json.items;
        return items.length > 0 ? items : undefined;
      });
      expect(purged[0]).toMatchObject({ target: `connection:${id}`, reason: 'purged' });
    }
    const revoked = rt.runtime
      .events({ detailType: 'connection.revoked' })
      .map((e) => (e.envelope.detail as any).connectionId);
    expect(revoked).toEqual(expect.arrayContaining([a, b]));
    // then the data goes, as after a disconnect: the lead, the assets, the routes
    await eventually(async () =>
      (await rt.api({ token: await rt.token('deauth-a') }).get('/api/v1/leads')).json.items.length === 0
        ? true
        : undefined,
    );
    for (const id of [a, b])
      await eventually(async () => ((await leftovers(rt, id)).length === 0 ? true : undefined));
    // Meta delivering the callback again queues no second purge
    const purges = rt.runtime.events({ detailType: 'privacy.purge-requested' }).length;
    const again = await simJson(rt, `/_sim/users/${W.userId}/revoke`, { body: {} });
    expect(again.json.deauthorizeStatus).toBe(200);
    expect(rt.runtime.events({ detailType: 'privacy.purge-requested' }).length).toBe(purges);
  });
});

describe('data deletion', () => {
  it('answers Meta with url + confirmation code and purges everything tied to the user', async () => {
    const id = await connectAndSelect(rt, 'erase-co', { pages: [W.bakeryPageId] });
    await simLead(rt);
    await waitForLeads(rt, 'erase-co', 1);
    const res = await simJson(rt, `/_sim/users/${W.userId}/data-deletion`, { body: {} });
    expect(res.json.status).toBe(200);
    const answer = typeof res.json.body === 'string' ? JSON.parse(res.json.body) : res.json.body;
    expect(answer).toEqual({
      url: expect.stringContaining(`/api/v1/meta/data-deletion/${answer.confirmation_code}`),
      confirmation_code: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/),
    });

    const statusPath = new URL(answer.url).pathname;
    const status = await eventually(async () => {
      const s = await rt.api().get(statusPath);
      return s.json.status === 'completed' ? s : undefined;
    });
    expect(status.json).toMatchObject({
      confirmationCode: answer.confirmation_code,
      connectionsPurged: status.json.connections,
      retained: [],
    });
    expect(status.json.connections).toBeGreaterThan(0);
    const html = await fetch(`${rt.runtime.apiUrl}${statusPath}`, {
      headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
    });
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(await html.text()).toContain('<strong>completed</strong>');

    expect(await leftovers(rt, id)).toEqual([]);
    expect(
      (await rt.api({ token: await rt.token('erase-co') }).get(`/api/v1/connections/${id}`)).status,
    ).toBe(404);
    // the confirmation record is kept, and expires after 90 days (TTL attribute, epoch seconds)
    const record = (await scanAll(rt)).find(
      (i) => i.pk === `DELETION#${answer.confirmation_code}` && i.sk === 'REQUEST',
    )!;
    expect(Math.round((record.expiresAt - nowS()) / 86_400)).toBe(90);
    expect(
      rt.runtime
        .events({ detailType: 'deletion.completed' })
        .some((e) => (e.envelope.detail as any).connectionId === id),
    ).toBe(true);
  });

  it('shows pending until the deletion worker has purged, then what was kept and why', async () => {
    const tenant = 'crm-keeper';
    const api = rt.api({ token: await rt.token(tenant) });
    await api.put('/api/v1/settings/retention', {
      messagesDays: 90,
      leadsDays: 395,
      keepLeadsAfterDisconnect: true,
    });
    const id = await connectAndSelect(rt, tenant, { pages: [W.bikesPageId] });
    await simLead(rt, { pageId: W.bikesPageId, formId: W.bikesLeadFormId });
    await waitForLeads(rt, tenant, 1);
    // the callback runs with the purge commands held back, as if the worker had not run yet
    const held: PurgeCommand[] = [];
    const deps = {
      ...privacyDeps(rt).callbacks,
      commands: {
        send: async (_t: string, d: Record<string, unknown>) => void held.push(d as unknown as PurgeCommand),
      },
    };
    // issued two minutes ago: a signed request of its own, never the one the simulator sent above
    const answer = await requestDataDeletion(
      deps,
      signed(rt, { algorithm: 'HMAC-SHA256', issued_at: nowS() - 120, user_id: W.userId }),
    );
    const path = `/api/v1/meta/data-deletion/${answer.confirmation_code}`;
    expect((await rt.api().get(path)).json).toMatchObject({ status: 'pending', connectionsPurged: 0 });
    const page = await fetch(`${rt.runtime.apiUrl}${path}`, { headers: { accept: 'text/html' } });
    expect(await page.text()).toContain('<strong>pending</strong>');

    for (const cmd of held) await purgeConnection(privacyDeps(rt).purge, cmd);
    const done = (await rt.api().get(path)).json;
    expect(done).toMatchObject({ status: 'completed', connectionsPurged: done.connections });
    expect(done.retained).toEqual([expect.stringContaining('CRM records')]);
    expect(
      await (await fetch(`${rt.runtime.apiUrl}${path}`, { headers: { accept: 'text/html' } })).text(),
    ).toContain('Kept:');
    // only the leads the business chose to keep remain
    expect((await leftovers(rt, id)).map((i) => i.entity)).toEqual(['lead']);
  });

  it('a request for an unknown user still gets a confirmation code and deletes nothing', async () => {
    const before = (await scanAll(rt)).filter((i) => !String(i.pk).startsWith('DELETION#'));
    const res = await postSignedRequest(
      rt,
      '/api/v1/meta/data-deletion',
      signed(rt, { algorithm: 'HMAC-SHA256', issued_at: nowS(), user_id: '999999999999' }),
    );
    expect(res.status).toBe(200);
    expect(res.contentType).toContain('application/json');
    expect(res.json).toEqual({ url: expect.any(String), confirmation_code: expect.any(String) });
    const status = await rt.api().get(`/api/v1/meta/data-deletion/${res.json.confirmation_code}`);
    expect(status.json).toMatchObject({ status: 'completed', connections: 0, retained: [] });
    expect((await scanAll(rt)).filter((i) => !String(i.pk).startsWith('DELETION#'))).toEqual(before);
    expect((await rt.api().get('/api/v1/meta/data-deletion/unknown-code-123')).status).toBe(404);
  });
});
