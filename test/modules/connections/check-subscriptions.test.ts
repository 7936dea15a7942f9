/**
 * The daily subscription check with fakes: every selected Page's subscription read back; missing fields
 * re-subscribed with the union every selection needs, the drift audited and the Page health updated.
 */
import { checkSubscriptions } from '../../../lambdas/modules/connections/core/check-subscriptions';
import { emptySelection } from '../../../lambdas/modules/connections/core/assets';
import { connection, connectionFakes, graphError } from './fakes';

const selecting = (pages: string[], over: Parameters<typeof connection>[0] = {}) =>
  connection({ features: ['leads'], selection: { ...emptySelection(), pages }, ...over });

function fakes() {
  const f = connectionFakes();
  return { ...f, deps: { ...f.deps, pageHealth: f.pageHealth } };
}

it('a Page that carries its fields is in sync; one Meta unsubscribed is re-subscribed and the drift audited', async () => {
  const f = fakes();
  await f.connections.add(selecting(['pg1', 'pg2']), { pageTokens: ['pg1', 'pg2'] });
  f.graph.subscriptions.set('pg1', ['leadgen']);
  const checks = await checkSubscriptions(f.deps);
  expect(checks).toEqual([
    expect.objectContaining({ pageId: 'pg1', outcome: 'in_sync', reason: 'subscription_present' }),
    expect.objectContaining({
      pageId: 'pg2',
      outcome: 'resubscribed',
      reason: 'app_unsubscribed',
      missingFields: ['leadgen'],
    }),
  ]);
  expect(f.graph.called('subscribePage')).toEqual([['pg2', 'page-token:pg2', ['leadgen']]]);
  expect(f.audit).toEqual([
    expect.objectContaining({ action: 'subscription.drift', target: 'page:pg2', reason: 'app_unsubscribed' }),
  ]);
  expect(
    (await f.pageHealth.listPageHealth('t1', 'con_1')).map((h) => h.lastSubscriptionCheck?.outcome),
  ).toEqual(['in_sync', 'resubscribed']);
});

it('missing fields are added to what the Page carries, never taken from it', async () => {
  const f = fakes();
  await f.connections.add(selecting(['pg1'], { features: ['leads', 'inbox'] }), { pageTokens: ['pg1'] });
  f.graph.subscriptions.set('pg1', ['leadgen', 'custom_field']);
  const [check] = await checkSubscriptions(f.deps);
  expect(check).toMatchObject({ outcome: 'resubscribed', reason: 'fields_missing' });
  const [[, , fields]] = f.graph.called('subscribePage') as [[string, string, string[]]];
  expect(fields).toEqual(expect.arrayContaining(['leadgen', 'custom_field', 'messages']));
});

it.each([
  ['an expired connection', selecting(['pg1'], { status: 'expired' }), ['pg1'], 'connection_not_active'],
  [
    'features without Page webhooks',
    selecting(['pg1'], { features: ['ads'] }),
    ['pg1'],
    'no_webhook_features',
  ],
  ['a Page without its token', selecting(['pg1']), [], 'page_token_missing'],
])('%s is skipped without a call to Meta (%s)', async (_name, c, tokens, reason) => {
  const f = fakes();
  await f.connections.add(c, { pageTokens: tokens });
  expect(await checkSubscriptions(f.deps)).toEqual([expect.objectContaining({ outcome: 'skipped', reason })]);
  expect(f.graph.calls).toEqual([]);
});

it('a token Meta refuses fails the check, expires the connection and records the failure on the Page', async () => {
  const f = fakes();
  await f.connections.add(selecting(['pg1']), { pageTokens: ['pg1'] });
  f.graph.fail('pageSubscription', graphError(190, 460, 401));
  expect(await checkSubscriptions(f.deps)).toEqual([
    expect.objectContaining({ outcome: 'failed', reason: 'password_changed' }),
  ]);
  expect(f.connections.stored()?.status).toBe('expired');
  expect((await f.pageHealth.listPageHealth('t1', 'con_1'))[0]?.lastSubscriptionCheck?.outcome).toBe(
    'failed_password_changed',
  );
});

it('a throttled check fails for that Page only, the connection left as it is', async () => {
  const f = fakes();
  await f.connections.add(selecting(['pg1', 'pg2']), { pageTokens: ['pg1', 'pg2'] });
  f.graph.subscriptions.set('pg2', ['leadgen']);
  f.graph.fail('pageSubscription', graphError(4, undefined, 403));
  expect((await checkSubscriptions(f.deps)).map((c) => [c.pageId, c.outcome, c.reason])).toEqual([
    ['pg1', 'failed', 'rate_limited_code_4'],
    ['pg2', 'in_sync', 'subscription_present'],
  ]);
  expect(f.connections.stored()?.status).toBe('active');
});
