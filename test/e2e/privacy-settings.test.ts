/**
 * Retention settings, the audit log and exports over HTTP on the local runtime: ranges validated,
 * changes audited and applied to items stored afterwards, every stored class with its TTL, audit paging
 * and filters, and the export as JSON Lines in S3 behind an expiring presigned link.
 */
import { withLocalRuntime } from '../support/local-runtime';
import { connectAndSelect, eventually } from '../support/meta-connect';
import { simLead, waitForLeads } from '../support/leads';
import { nowS, scanAll } from '../support/privacy';
import { DEFAULT_WORLD_IDS as W } from '../../local/meta-simulator';

// the local S3's clock, moved forward to see an export link expire
let s3ClockOffsetMs = 0;
const rt = withLocalRuntime({ s3Now: () => Date.now() + s3ClockOffsetMs });
const daysLeft = (expiresAt: number) => Math.round((expiresAt - nowS()) / 86_400);

describe('retention settings', () => {
  it('validates ranges, audits a change and applies it to items stored afterwards', async () => {
    const api = rt.api({ token: await rt.token('settings-co') });
    expect((await api.get('/api/v1/settings/retention')).json).toEqual({
      messagesDays: 90,
      leadsDays: 395,
      keepLeadsAfterDisconnect: false,
      contentDays: 395,
    });
    for (const [body, field] of [
      [{ messagesDays: 5, leadsDays: 395, keepLeadsAfterDisconnect: false }, 'body.messagesDays'],
      [{ messagesDays: 91, leadsDays: 395, keepLeadsAfterDisconnect: false }, 'body.messagesDays'],
      [{ messagesDays: 30, leadsDays: 400, keepLeadsAfterDisconnect: false }, 'body.leadsDays'],
      [{ messagesDays: 30, leadsDays: 395 }, 'body.keepLeadsAfterDisconnect'],
      [{ messagesDays: 30, leadsDays: 395, keepLeadsAfterDisconnect: false, auditDays: 10 }, 'body'],
      [
        { messagesDays: 30, leadsDays: 395, keepLeadsAfterDisconnect: false, contentDays: 10 },
        'body.contentDays',
      ],
    ] as const) {
      const bad = await api.put('/api/v1/settings/retention', body);
      expect(bad.status).toBe(400);
      expect(bad.headers.get('content-type')).toContain('application/problem+json');
      expect(bad.json.errors.map((e: any) => e.field)).toEqual([field]);
    }
    expect((await api.get('/api/v1/audit')).json.items).toEqual([]);

    const ok = await api.put('/api/v1/settings/retention', {
      messagesDays: 7,
      leadsDays: 180,
      keepLeadsAfterDisconnect: false,
      contentDays: 90,
    });
    expect(ok.status).toBe(200);
    expect((await api.get('/api/v1/settings/retention')).json).toMatchObject({
      messagesDays: 7,
      leadsDays: 180,
      contentDays: 90,
    });
    const audit = await api.get('/api/v1/audit');
    expect(audit.json.items[0]).toMatchObject({
      action: 'settings.update',
      target: 'settings:retention',
      actor: expect.stringMatching(/^user:/),
      result: 'success',
      details: { before: { leadsDays: 395 }, after: { leadsDays: 180 } },
    });
    // another tenant sees none of it
    expect((await rt.api({ token: await rt.token('nosy-co') }).get('/api/v1/audit')).json.items).toEqual([]);

    // leads stored from now on carry the new TTL; the fixed classes keep theirs
    await connectAndSelect(rt, 'settings-co', { pages: [W.bakeryPageId] });
    const { leadgenId } = await simLead(rt);
    await waitForLeads(rt, 'settings-co', 1);
    const items = await scanAll(rt);
    const lead = items.find((i) => i.pk === 'T#settings-co' && i.leadgenId === leadgenId)!;
    expect(daysLeft(lead.expiresAt)).toBe(180);
    const auditEntry = items.find((i) => i.pk === 'T#settings-co#AUDIT')!;
    expect(daysLeft(auditEntry.expiresAt)).toBe(365);
    const delivery = items.find((i) => i.entity === 'delivery')!;
    expect(daysLeft(delivery.expiresAt)).toBe(30);
  });
});

describe('the audit log', () => {
  it('pages with a cursor, filters by action and target, and refuses a bad filter', async () => {
    const tenant = 'audited-co';
    const api = rt.api({ token: await rt.token(tenant) });
    for (const messagesDays of [10, 20, 30, 40, 50])
      await api.put('/api/v1/settings/retention', {
        messagesDays,
        leadsDays: 395,
        keepLeadsAfterDisconnect: false,
      });
    const id = await connectAndSelect(rt, tenant, { pages: [W.bakeryPageId] });

    const seen: any[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await api.get(`/api/v1/audit?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.json.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.json.items);
      cursor = page.json.nextCursor;
    } while (cursor);
    expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length);
    expect(seen.map((e) => e.at)).toEqual([...seen.map((e) => e.at)].sort().reverse());
    expect(seen.map((e) => e.action)).toEqual(
      expect.arrayContaining(['settings.update', 'oauth.callback', 'selection.update']),
    );

    const updates = await api.get('/api/v1/audit?action=settings.update&limit=3');
    expect(updates.json.items).toHaveLength(3);
    expect(updates.json.items.every((e: any) => e.action === 'settings.update')).toBe(true);
    expect(updates.json.items[0].details.after.messagesDays).toBe(50);
    const rest = await api.get(
      `/api/v1/audit?action=settings.update&limit=3&cursor=${updates.json.nextCursor}`,
    );
    expect(rest.json.items.map((e: any) => e.details.after.messagesDays)).toEqual([20, 10]);
    expect(rest.json.nextCursor).toBeNull();

    const forConnection = await api.get(`/api/v1/audit?target=connection:${id}`);
    expect(forConnection.json.items.length).toBeGreaterThan(0);
    expect(forConnection.json.items.every((e: any) => e.target === `connection:${id}`)).toBe(true);

    const bad = await api.get('/api/v1/audit?action=DROP%20TABLE');
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: any) => e.field)).toEqual(['query.action']);
    // a cursor of another tenant's log is refused, not followed
    const other = rt.api({ token: await rt.token('snoop-co') });
    expect((await other.get(`/api/v1/audit?cursor=${updates.json.nextCursor}`)).status).toBe(400);
  });
});

describe('export', () => {
  it("writes the tenant's Meta-derived data as JSON Lines behind a signed, expiring link, without any token", async () => {
    const tenant = 'export-co';
    const id = await connectAndSelect(rt, tenant, { pages: [W.bakeryPageId] });
    await simLead(rt, { fieldData: { full_name: 'Export Person', email: 'export@example.test' } });
    await waitForLeads(rt, tenant, 1);
    const api = rt.api({ token: await rt.token(tenant) });
    const started = await api.post('/api/v1/exports');
    expect(started.status).toBe(202);
    expect(started.json).toMatchObject({ id: expect.stringMatching(/^exp_/), status: 'pending' });
    const done = await eventually(async () => {
      const r = await api.get(`/api/v1/exports/${started.json.id}`);
      return r.json.status === 'completed' ? r : undefined;
    });
    expect(done.json).toMatchObject({
      format: 'application/x-ndjson',
      // a presigned GET of the export object, served by the local S3
      downloadUrl: expect.stringMatching(
        /^http:\/\/127\.0\.0\.1:\d+\/meta-connector-exports\/exports\/export-co\/.+X-Amz-Signature=/,
      ),
    });

    const download = await fetch(done.json.downloadUrl);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toContain('application/x-ndjson');
    const text = await download.text();
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.length).toBe(done.json.items);
    expect(Buffer.byteLength(text)).toBe(done.json.bytes);
    expect(lines.map((l) => l.kind)).toEqual(expect.arrayContaining(['connection', 'lead', 'asset-catalog']));
    expect(lines.find((l) => l.kind === 'lead').fields).toMatchObject({ fullName: 'Export Person' });
    expect(lines.find((l) => l.kind === 'connection').connectionId).toBe(id);
    expect(lines.some((l) => l.kind === 'page-token')).toBe(false);
    expect(text).not.toMatch(/Ciphertext|ciphertext/);

    // a tampered link is refused, and so is the object without a signature (the bucket is private)
    const tampered = new URL(done.json.downloadUrl);
    tampered.searchParams.set('X-Amz-Expires', '604800');
    const refused = await fetch(tampered);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
    const bare = new URL(done.json.downloadUrl);
    bare.search = '';
    expect((await fetch(bare)).status).toBe(403);
    // an hour and a bit later the link has expired
    s3ClockOffsetMs = 3601_000;
    try {
      const expired = await fetch(done.json.downloadUrl);
      expect(expired.status).toBe(403);
      expect(await expired.text()).toContain('<Message>Request has expired</Message>');
    } finally {
      s3ClockOffsetMs = 0;
    }
    // another tenant cannot read the export record
    expect(
      (await rt.api({ token: await rt.token('peek-co') }).get(`/api/v1/exports/${started.json.id}`)).status,
    ).toBe(404);
    const exportAudit = await api.get('/api/v1/audit?action=export.completed');
    expect(exportAudit.json.items[0]).toMatchObject({
      target: `export:${started.json.id}`,
      details: { items: done.json.items },
    });
  });
});
