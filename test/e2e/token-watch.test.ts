/** The daily token watch against the simulator: valid, expiring (7/3/1 once each), refreshed, expired. */
import { withLocalRuntime } from '../support/local-runtime';
import { connectAndSelect, simJson } from '../support/meta-connect';
import { DEFAULT_WORLD_IDS as W } from '../../local/meta-simulator';
import { watchTokens } from '../../lambdas/modules/connections/core/watch-tokens';
import { actingWiring } from '../../lambdas/modules/connections/wiring';
import { scanAll } from '../support/privacy';

const rt = withLocalRuntime();
const DAY = 86_400_000;

/** The watch as it would run `days` from now (our clock only; Meta's clock stays where it is). */
const watchAt = (days: number) => {
  const at = new Date(Date.now() + days * DAY);
  return watchTokens({ ...actingWiring(rt.runtime.deps), clock: { now: () => at } });
};

const expiring = (id: string) =>
  rt.runtime
    .events({ detailType: 'connection.expiring' })
    .filter((e) => (e.envelope.detail as any).connectionId === id);

it('announces expiry at 7, 3 and 1 days once each, then marks the connection expired', async () => {
  const id = await connectAndSelect(rt, 'watch-co', { pages: [] });
  await rt.runtime.runSchedule('token-watch');
  const api = rt.api({ token: await rt.token('watch-co') });
  expect((await api.get(`/api/v1/connections/${id}`)).json).toMatchObject({ status: 'active' });

  const mine = (o: Awaited<ReturnType<typeof watchTokens>>) => o.find((x) => x.connectionId === id)!;
  // counted from the token's own expiry: Meta's clock may have been moved on by another test
  const expiresAt = Date.parse((await api.get(`/api/v1/connections/${id}`)).json.tokenExpiresAt);
  const daysLeft = (days: number) => (expiresAt - Date.now()) / DAY - days;
  expect(mine(await watchAt(daysLeft(6)))).toMatchObject({
    outcome: 'warned',
    reason: 'expiring_within_7_days',
  });
  expect(mine(await watchAt(daysLeft(5.5)))).toMatchObject({ outcome: 'valid' });
  expect(mine(await watchAt(daysLeft(2.5)))).toMatchObject({
    outcome: 'warned',
    reason: 'expiring_within_3_days',
  });
  expect(mine(await watchAt(daysLeft(0.5)))).toMatchObject({
    outcome: 'warned',
    reason: 'expiring_within_1_days',
  });
  expect(expiring(id).map((e) => (e.envelope.detail as any).threshold)).toEqual([7, 3, 1]);
  expect((await api.get(`/api/v1/connections/${id}`)).json.status).toBe('expiring');

  expect(mine(await watchAt(daysLeft(-1)))).toMatchObject({ outcome: 'expired', reason: 'token_expired' });
  expect((await api.get(`/api/v1/connections/${id}`)).json.status).toBe('expired');
  expect(
    rt.runtime
      .events({ detailType: 'connection.expired' })
      .some((e) => (e.envelope.detail as any).connectionId === id),
  ).toBe(true);
});

/** The plaintext user and Page tokens of a connection, read back through the vault. */
async function tokensOf(tenantId: string, connectionId: string) {
  const ctx = { tenantId, connectionId };
  const items = (await scanAll(rt)).filter((i) => i.connectionId === connectionId);
  const vault = rt.runtime.deps.vault;
  const user = await vault.decrypt(items.find((i) => i.entity === 'connection')!.userTokenCiphertext, ctx);
  const pages: Record<string, string> = {};
  for (const i of items.filter((x) => x.entity === 'page-token'))
    pages[i.pageId] = await vault.decrypt(i.ciphertext, ctx);
  return { user, pages };
}

it('refreshes a token Meta is willing to extend and re-derives the Page tokens', async () => {
  const id = await connectAndSelect(rt, 'refresh-co', { pages: [W.bakeryPageId] });
  const before = await tokensOf('refresh-co', id);
  // ten days pass at Meta: an exchange now yields a token that lives past the current one
  await simJson(rt, '/_sim/clock', { body: { advanceSeconds: 10 * 86_400 } });
  const outcome = (await watchAt(54)).find((x) => x.connectionId === id)!;
  expect(outcome).toMatchObject({ outcome: 'refreshed', reason: 'meta_extended_the_token' });
  const conn = (await rt.api({ token: await rt.token('refresh-co') }).get(`/api/v1/connections/${id}`)).json;
  expect(Date.parse(conn.tokenExpiresAt)).toBeGreaterThan(Date.now() + 65 * DAY);
  expect(conn.statusReason).toBe('token_refreshed');
  expect(expiring(id)).toEqual([]);
  // a new user token, and Page tokens derived from it (Meta ties a Page token to the user token it came from)
  const after = await tokensOf('refresh-co', id);
  expect(after.user).not.toBe(before.user);
  expect(Object.keys(after.pages).sort()).toEqual(Object.keys(before.pages).sort());
  for (const pageId of Object.keys(before.pages)) expect(after.pages[pageId]).not.toBe(before.pages[pageId]);
  const audit = await rt
    .api({ token: await rt.token('refresh-co') })
    .get('/api/v1/audit?action=connection.token-refresh');
  expect(audit.json.items[0]).toMatchObject({ target: `connection:${id}`, actor: 'system:token-watch' });
});

it('one connection Meta fails to inspect does not stop the others', async () => {
  const a = await connectAndSelect(rt, 'flaky-a', { pages: [] });
  const b = await connectAndSelect(rt, 'flaky-b', { pages: [] });
  // one debug_token answer is an error that is neither retried nor a token problem
  await simJson(rt, '/_sim/faults', {
    body: { pathPattern: 'debug_token', status: 400, code: 100, message: 'Invalid parameter', times: 1 },
  });
  const outcomes = await watchTokens(actingWiring(rt.runtime.deps));
  await fetch(`${rt.runtime.simUrl}/_sim/faults`, { method: 'DELETE' });
  // whichever connection ran into the fault failed, with a reason; every other one was still inspected
  expect(outcomes.filter((o) => o.outcome === 'failed')).toEqual([
    expect.objectContaining({ reason: expect.stringMatching(/^token_check_failed_/) }),
  ]);
  expect(outcomes.map((o) => o.connectionId)).toEqual(expect.arrayContaining([a, b]));
  for (const o of outcomes.filter((x) => [a, b].includes(x.connectionId)))
    expect(['valid', 'failed']).toContain(o.outcome);
});

it('a token Meta reports invalid marks the connection expired with the reason, and discards its tokens', async () => {
  const id = await connectAndSelect(rt, 'dead-co', { pages: [W.bakeryPageId] });
  const tokensOf = async () =>
    (await scanAll(rt)).filter(
      (i) => i.connectionId === id && (i.entity === 'page-token' || i.userTokenCiphertext !== undefined),
    );
  expect(new Set((await tokensOf()).map((i) => i.entity))).toEqual(new Set(['connection', 'page-token']));
  await simJson(rt, '/_sim/tokens/expire', { body: { userId: W.userId } });
  await rt.runtime.runSchedule('token-watch');
  const conn = (await rt.api({ token: await rt.token('dead-co') }).get(`/api/v1/connections/${id}`)).json;
  expect(conn).toMatchObject({ status: 'expired' });
  expect(conn.statusReason).toMatch(/token_expired|token_invalid/);
  // a token Meta refuses is kept by nobody: the user token and the Page tokens made from it are gone
  expect(await tokensOf()).toEqual([]);
});
