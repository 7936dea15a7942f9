/**
 * Privacy over HTTP on the local runtime: Meta's deauthorize and data-deletion callbacks, disconnect,
 * the purge (also after a crash half-way), retention settings and the audit log.
 */
import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { withLocalRuntime } from '../support/local-runtime';
import { connectAndSelect, eventually, simJson } from '../support/meta-connect';
import { simLead, waitForLeads } from '../support/leads';
import { DEFAULT_WORLD_IDS as W, signRequest } from '../../local/meta-simulator';
import { purgeConnection } from '../../lambdas/core/privacy/purge-connection';

const rt = withLocalRuntime();

async function scanAll(): Promise<Record<string, any>[]> {
  const items: Record<string, any>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await rt.runtime.deps.clients.dynamo.send(
      new ScanCommand({ TableName: rt.runtime.config.tableName, ExclusiveStartKey: start }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Items of a connection, except the audit log and deletion confirmations, which outlive it by design. */
async function leftovers(connectionId: string) {
  return (await scanAll()).filter(
    (i) =>
      JSON.stringify(i).includes(connectionId) &&
      !String(i.pk).endsWith('#AUDIT') &&
      !String(i.pk).startsWith('DELETION#'),
  );
}

function signed(payload: Record<string, unknown>) {
  return signRequest(payload, rt.runtime.metaApp.appSecret);
}

async function postForm(path: string, signedRequest: string) {
  const res = await fetch(`${rt.runtime.apiUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ signed_request: signedRequest }).toString(),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

const now = () => Math.floor(Date.now() / 1000);

describe('signed_request validation', () => {
  const good = () => ({ algorithm: 'HMAC-SHA256', issued_at: now(), user_id: W.secondUserId });
  it.each([
    [
      'a wrong signature',
      () => `${Buffer.from('x'.repeat(32)).toString('base64url')}.${signed(good()).split('.')[1]}`,
      'signature_mismatch',
    ],
    ['a wrong algorithm', () => signed({ ...good(), algorithm: 'HMAC-SHA1' }), 'algorithm_not_supported'],
    ['a malformed encoding', () => 'not base64!.%%%', 'signed_request_malformed'],
    ['an old issued_at', () => signed({ ...good(), issued_at: now() - 7200 }), 'signed_request_expired'],
    ['no signed_request', () => '', 'signed_request_missing'],
  ])('%s is 401 and changes nothing', async (_name, make, reason) => {
    const before = (await scanAll()).length;
    for (const path of ['/api/v1/meta/deauthorize', '/api/v1/meta/data-deletion']) {
      const res = await postForm(path, make());
      expect(res.status).toBe(401);
      expect(res.json.reason).toBe(reason);
    }
    expect((await scanAll()).length).toBe(before);
  });
});

describe('Meta callbacks', () => {
  it('deauthorize clears that Meta user tokens in every tenant at once', async () => {
    const a = await connectAndSelect(rt, 'deauth-a', { pages: [W.bakeryPageId] });
    const b = await connectAndSelect(rt, 'deauth-b', { pages: [W.bikesPageId] });
    const res = await simJson(rt, `/_sim/users/${W.userId}/revoke`, { body: {} });
    expect(res.json.deauthorizeStatus).toBe(200);

    for (const [tenant, id] of [
      ['deauth-a', a],
      ['deauth-b', b],
    ] as const) {
      const conn = await rt.api({ token: await rt.token(tenant) }).get(`/api/v1/connections/${id}`);
      expect(conn.json).toMatchObject({ status: 'revoked', statusReason: 'user_deauthorized' });
      const items = (await scanAll()).filter((i) => i.connectionId === id);
      expect(items.filter((i) => i.entity === 'page-token')).toEqual([]);
      expect(items.find((i) => i.entity === 'connection')!.userTokenCiphertext).toBeUndefined();
    }
    const revoked = rt.runtime
      .events({ detailType: 'connection.revoked' })
      .map((e) => (e.envelope.detail as any).connectionId);
    expect(revoked).toEqual(expect.arrayContaining([a, b]));
  });

  it('data deletion answers Meta url + confirmation code and purges everything tied to the user', async () => {
    const id = await connectAndSelect(rt, 'erase-co', { pages: [W.bakeryPageId] });
    await simLead(rt);
    await waitForLeads(rt, 'erase-co', 1);
    const res = await simJson(rt, `/_sim/users/${W.userId}/data-deletion`, { body: {} });
    expect(res.json.status).toBe(200);
    const answer = typeof res.json.body === 'string' ? JSON.parse(res.json.body) : res.json.body;
    expect(answer).toEqual({
      url: expect.stringContaining(`/api/v1/meta/data-deletion/${answer.confirmation_code}`),
      confirmation_code: expect.any(String),
    });

    const statusPath = new URL(answer.url).pathname;
    const status = await eventually(async () => {
      const s = await rt.api().get(statusPath);
      return s.json.status === 'completed' ? s : undefined;
    });
    expect(status.json).toMatchObject({
      confirmationCode: answer.confirmation_code,
      connectionsPurged: status.json.connections,
    });
    const html = await fetch(`${rt.runtime.apiUrl}${statusPath}`, { headers: { accept: 'text/html' } });
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(await html.text()).toContain('completed');

    expect(await leftovers(id)).toEqual([]);
    expect(
      (await rt.api({ token: await rt.token('erase-co') }).get(`/api/v1/connections/${id}`)).status,
    ).toBe(404);
    // the confirmation record is kept, and expires after 90 days
    const record = (await scanAll()).find(
      (i) => i.pk === `DELETION#${answer.confirmation_code}` && i.sk === 'REQUEST',
    )!;
    expect(record.expiresAt - now()).toBeGreaterThan(89 * 86_400);
    expect(
      rt.runtime
        .events({ detailType: 'deletion.completed' })
        .some((e) => (e.envelope.detail as any).connectionId === id),
    ).toBe(true);
  });

  it('a deletion request for an unknown user still gets a confirmation code and deletes nothing', async () => {
    const before = (await scanAll()).filter((i) => !String(i.pk).startsWith('DELETION#')).length;
    const res = await postForm(
      '/api/v1/meta/data-deletion',
      signed({ algorithm: 'HMAC-SHA256', issued_at: now(), user_id: '999999999999' }),
    );
    expect(res.status).toBe(200);
    expect(res.json.confirmation_code).toEqual(expect.any(String));
    const status = await rt.api().get(`/api/v1/meta/data-deletion/${res.json.confirmation_code}`);
    expect(status.json).toMatchObject({ status: 'completed', connections: 0 });
    expect((await scanAll()).filter((i) => !String(i.pk).startsWith('DELETION#')).length).toBe(before);
    expect((await rt.api().get('/api/v1/meta/data-deletion/unknown-code-123')).status).toBe(404);
  });
});

describe('disconnect', () => {
  it('revokes at Meta, purges tokens at once and the data by the deletion worker', async () => {
    const tenant = 'leaving-co';
    const id = await connectAndSelect(rt, tenant, { pages: [W.bakeryPageId] });
    await simLead(rt);
    await waitForLeads(rt, tenant, 1);
    await fetch(`${rt.runtime.simUrl}/_sim/calls`, { method: 'DELETE' });
    const api = rt.api({ token: await rt.token(tenant) });
    // another tenant cannot disconnect it
    expect(
      (await rt.api({ token: await rt.token('other-co') }).delete(`/api/v1/connections/${id}`)).status,
    ).toBe(404);

    const res = await api.delete(`/api/v1/connections/${id}`);
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({
      connectionId: id,
      status: 'revoked',
      metaRevocation: 'revoked_at_meta',
    });
    const calls = await simJson(rt, '/_sim/calls');
    expect(calls.json.calls).toContainEqual(
      expect.objectContaining({ method: 'DELETE', path: '/me/permissions' }),
    );

    await eventually(async () =>
      (await api.get(`/api/v1/connections/${id}`)).status === 404 ? true : undefined,
    );
    expect(await leftovers(id)).toEqual([]);
    expect((await api.get('/api/v1/leads')).json.items).toEqual([]);
    const audit = await api.get('/api/v1/audit?limit=200');
    expect(audit.json.items.map((e: any) => e.action)).toEqual(
      expect.arrayContaining(['connection.disconnect', 'deletion.completed', 'connection.revoke']),
    );
  });

  it('keeps CRM leads after a disconnect when the tenant chose to', async () => {
    const tenant = 'keeper-co';
    const api = rt.api({ token: await rt.token(tenant) });
    expect(
      (
        await api.put('/api/v1/settings/retention', {
          messagesDays: 30,
          leadsDays: 395,
          keepLeadsAfterDisconnect: true,
        })
      ).status,
    ).toBe(200);
    const id = await connectAndSelect(rt, tenant, { pages: [W.bakeryPageId] });
    await simLead(rt);
    await waitForLeads(rt, tenant, 1);
    await api.delete(`/api/v1/connections/${id}`);
    await eventually(async () =>
      (await api.get(`/api/v1/connections/${id}`)).status === 404 ? true : undefined,
    );
    expect((await api.get('/api/v1/leads')).json.items.length).toBeGreaterThan(0);
    expect((await leftovers(id)).every((i) => i.entity === 'lead')).toBe(true);
  });

  it('a purge interrupted half-way resumes and completes', async () => {
    const tenant = 'crash-co';
    const id = await connectAndSelect(rt, tenant, { pages: [W.bikesPageId] });
    // 300 leads of this connection
    for (let i = 0; i < 300; i++) {
      await rt.runtime.deps.clients.dynamo.send(
        new PutCommand({
          TableName: rt.runtime.config.tableName,
          Item: {
            pk: `T#${tenant}`,
            sk: `LEAD#lead_${700000000000000 + i}`,
            entity: 'lead',
            tenantId: tenant,
            connectionId: id,
            leadgenId: String(i),
          },
        }),
      );
    }
    const cmd = {
      tenantId: tenant,
      connectionId: id,
      deletionCode: 'crashtest-0001',
      requestedBy: 'user:test',
    };
    const first = await purgeConnection(rt.runtime.deps.privacy, cmd, { stopAfter: 120 });
    expect(first).toMatchObject({ outcome: 'stopped', deleted: 120 });
    expect((await leftovers(id)).length).toBeGreaterThan(150);
    const second = await purgeConnection(rt.runtime.deps.privacy, cmd);
    expect(second.outcome).toBe('purged');
    expect(await leftovers(id)).toEqual([]);
  });
});

describe('retention settings and the audit log', () => {
  it('validates ranges, applies and audits a change', async () => {
    const api = rt.api({ token: await rt.token('settings-co') });
    expect((await api.get('/api/v1/settings/retention')).json).toEqual({
      messagesDays: 90,
      leadsDays: 395,
      keepLeadsAfterDisconnect: false,
    });
    const bad = await api.put('/api/v1/settings/retention', {
      messagesDays: 5,
      leadsDays: 395,
      keepLeadsAfterDisconnect: false,
    });
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: any) => e.field)).toEqual(['body.messagesDays']);
    const ok = await api.put('/api/v1/settings/retention', {
      messagesDays: 7,
      leadsDays: 180,
      keepLeadsAfterDisconnect: false,
    });
    expect(ok.status).toBe(200);
    expect((await api.get('/api/v1/settings/retention')).json.messagesDays).toBe(7);
    const audit = await api.get('/api/v1/audit');
    expect(audit.json.items[0]).toMatchObject({
      action: 'settings.update',
      target: 'settings:retention',
      actor: expect.stringMatching(/^user:/),
    });
    // another tenant sees none of it
    expect((await rt.api({ token: await rt.token('nosy-co') }).get('/api/v1/audit')).json.items).toEqual([]);

    // the new setting applies to leads stored from now on
    await connectAndSelect(rt, 'settings-co', { pages: [W.bakeryPageId] });
    const { leadgenId } = await simLead(rt);
    await eventually(async () => ((await api.get('/api/v1/leads')).json.items.length > 0 ? true : undefined));
    const item = (await scanAll()).find((i) => i.pk === 'T#settings-co' && i.leadgenId === leadgenId)!;
    expect(Math.round((item.expiresAt - now()) / 86_400)).toBe(180);
  });
});

describe('export', () => {
  it("writes the tenant's Meta-derived data as JSON Lines, without any token", async () => {
    const tenant = 'export-co';
    const id = await connectAndSelect(rt, tenant, { pages: [W.bakeryPageId] });
    await simLead(rt, { fieldData: { full_name: 'Export Person', email: 'export@example.test' } });
    await waitForLeads(rt, tenant, 1);
    const api = rt.api({ token: await rt.token(tenant) });
    const started = await api.post('/api/v1/exports');
    expect(started.status).toBe(202);
    const done = await eventually(async () => {
      const r = await api.get(`/api/v1/exports/${started.json.id}`);
      return r.json.status === 'completed' ? r : undefined;
    });
    expect(done.json).toMatchObject({
      format: 'application/x-ndjson',
      downloadUrl: expect.stringMatching(/^file:/),
    });
    const { readFileSync } = await import('node:fs');
    const { fileURLToPath } = await import('node:url');
    const text = readFileSync(fileURLToPath(done.json.downloadUrl), 'utf8');
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.length).toBe(done.json.items);
    expect(lines.map((l) => l.kind)).toEqual(expect.arrayContaining(['connection', 'lead', 'asset-catalog']));
    expect(lines.find((l) => l.kind === 'lead').fields).toMatchObject({ fullName: 'Export Person' });
    expect(text).not.toContain('lv1:');
    expect(lines.some((l) => l.kind === 'page-token')).toBe(false);
    expect(
      lines.find((l) => l.kind === 'connection').id ??
        lines.find((l) => l.kind === 'connection').connectionId,
    ).toBe(id);
    // another tenant cannot read it
    expect(
      (await rt.api({ token: await rt.token('peek-co') }).get(`/api/v1/exports/${started.json.id}`)).status,
    ).toBe(404);
    expect((await api.get('/api/v1/audit')).json.items.map((e: any) => e.action)).toContain(
      'export.completed',
    );
  });
});
