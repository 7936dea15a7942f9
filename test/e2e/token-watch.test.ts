/** The daily token watch against the simulator: valid, expiring (7/3/1 once each), refreshed, expired. */
import { withLocalRuntime } from '../support/local-runtime';
import { connectAndSelect, simJson } from '../support/meta-connect';
import { DEFAULT_WORLD_IDS as W } from '../../local/meta-simulator';
import { watchTokens } from '../../lambdas/core/tokens/watch-tokens';

const rt = withLocalRuntime();
const DAY = 86_400_000;

/** The watch as it would run `days` from now (our clock only; Meta's clock stays where it is). */
const watchAt = (days: number) => {
  const at = new Date(Date.now() + days * DAY);
  return watchTokens({ ...rt.runtime.deps.connect, clock: { now: () => at } });
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
  expect(mine(await watchAt(54))).toMatchObject({ outcome: 'warned', reason: 'expiring_within_7_days' });
  expect(mine(await watchAt(54.5))).toMatchObject({ outcome: 'valid' });
  expect(mine(await watchAt(57.5))).toMatchObject({ outcome: 'warned', reason: 'expiring_within_3_days' });
  expect(mine(await watchAt(59.5))).toMatchObject({ outcome: 'warned', reason: 'expiring_within_1_days' });
  expect(expiring(id).map((e) => (e.envelope.detail as any).threshold)).toEqual([7, 3, 1]);
  expect((await api.get(`/api/v1/connections/${id}`)).json.status).toBe('expiring');

  expect(mine(await watchAt(61))).toMatchObject({ outcome: 'expired', reason: 'token_expired' });
  expect((await api.get(`/api/v1/connections/${id}`)).json.status).toBe('expired');
  expect(
    rt.runtime
      .events({ detailType: 'connection.expired' })
      .some((e) => (e.envelope.detail as any).connectionId === id),
  ).toBe(true);
});

it('refreshes a token Meta is willing to extend and re-derives the Page tokens', async () => {
  const id = await connectAndSelect(rt, 'refresh-co', { pages: [W.bakeryPageId] });
  // ten days pass at Meta: an exchange now yields a token that lives past the current one
  await simJson(rt, '/_sim/clock', { body: { advanceSeconds: 10 * 86_400 } });
  const outcome = (await watchAt(54)).find((x) => x.connectionId === id)!;
  expect(outcome).toMatchObject({ outcome: 'refreshed', reason: 'meta_extended_the_token' });
  const conn = (await rt.api({ token: await rt.token('refresh-co') }).get(`/api/v1/connections/${id}`)).json;
  expect(Date.parse(conn.tokenExpiresAt)).toBeGreaterThan(Date.now() + 65 * DAY);
  expect(expiring(id)).toEqual([]);
});

it('a token Meta reports invalid marks the connection expired with the reason', async () => {
  const id = await connectAndSelect(rt, 'dead-co', { pages: [] });
  await simJson(rt, '/_sim/tokens/expire', { body: { userId: W.userId } });
  await rt.runtime.runSchedule('token-watch');
  const conn = (await rt.api({ token: await rt.token('dead-co') }).get(`/api/v1/connections/${id}`)).json;
  expect(conn).toMatchObject({ status: 'expired' });
  expect(conn.statusReason).toMatch(/token_expired|token_invalid/);
});
