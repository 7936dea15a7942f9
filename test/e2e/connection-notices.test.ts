/**
 * The email notices of a connection to renew, on the local runtime: what the SNS topic would mail a few
 * days before the token runs out (7, 3 and 1) and once it has, to NOTICE_EMAIL, with the connection and
 * tenant named and no token in it. The text is the one EventBridge's input transformer builds in AWS.
 */
import { withLocalRuntime } from '../support/local-runtime';
import { connectAndSelect, eventually } from '../support/meta-connect';
import { watchTokens } from '../../lambdas/modules/connections/core/watch-tokens';
import { actingWiring } from '../../lambdas/modules/connections/wiring';

const rt = withLocalRuntime({ env: { ...process.env, NOTICE_EMAIL: 'crm-admin@example.test' } });
const DAY = 86_400_000;

/** Runs the token watch at an instant of its own: a clock read twice would drift by the time between. */
const watchAt = (at: Date) => watchTokens({ ...actingWiring(rt.runtime.deps), clock: { now: () => at } });

it('mails the admin 7, 3 and 1 days before a connection stops working, and when it has', async () => {
  const tenant = 'notice-co';
  const id = await connectAndSelect(rt, tenant, { pages: [] });
  const api = rt.api({ token: await rt.token(tenant) });
  const expiresAt = Date.parse((await api.get(`/api/v1/connections/${id}`)).json.tokenExpiresAt);
  const daysLeft = (days: number) => new Date(expiresAt - days * DAY);
  const mine = () => rt.runtime.notices().filter((n) => n.text.includes(id));

  for (const days of [6, 2.5, 0.5]) await watchAt(daysLeft(days));
  await eventually(async () => (mine().length === 3 ? true : undefined));
  expect(mine().map((n) => [n.detailType, n.to])).toEqual([
    ['connection.expiring', 'crm-admin@example.test'],
    ['connection.expiring', 'crm-admin@example.test'],
    ['connection.expiring', 'crm-admin@example.test'],
  ]);
  const [first] = mine();
  expect(first!.text).toBe(
    `A Meta connection needs to be renewed. Connection ${id} of tenant ${tenant} stops working at ` +
      `${new Date(expiresAt).toISOString()} (6 days left; limited by token). Reconnect it before then ` +
      '(console: Connections, Reconnect). Until it stops, leads, posts and messages keep flowing.',
  );
  expect(mine().map((n) => /\((\d+) days left/.exec(n.text)![1])).toEqual(['6', '2', '0']);

  await watchAt(daysLeft(-1));
  await eventually(async () => (mine().length === 4 ? true : undefined));
  expect(mine()[3]).toMatchObject({
    detailType: 'connection.expired',
    text: expect.stringContaining(
      `Meta no longer accepts the token of connection ${id} of tenant ${tenant} (token_expired)`,
    ),
  });
  // nothing secret in a notice: no token, no ciphertext
  expect(JSON.stringify(mine())).not.toMatch(/EAA|kms1:|access_token/);
});
