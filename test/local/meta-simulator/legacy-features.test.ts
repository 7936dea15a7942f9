/**
 * The Graph API protocol features Meta no longer lets a new app use on any version (v27.0 announcement,
 * contracts/legacy-features.ts): the simulator refuses each with code 100 and names it, on its own and
 * inside a batch, and still answers the same call without it.
 */
import { type MetaSimulator } from '../../../local/meta-simulator';
import { connectUser, graph, pageToken, useSimulator } from './sim-test-helpers';
import { DEFAULT_WORLD_IDS as IDS } from '../../../local/meta-simulator';

let sim: MetaSimulator;
let userToken: string;

useSimulator(11, (started) => (sim = started));
beforeEach(async () => {
  userToken = (await connectUser(sim)).longToken;
});

it.each([
  ['HTTP method override', { method: 'delete' }, 'method'],
  ['multi-ID requests', { ids: `${IDS.bakeryPageId},${IDS.userId}` }, 'ids'],
  ['date/time formatting', { date_format: 'U' }, 'date_format'],
  ['JSONP callbacks', { callback: 'cb' }, 'callback'],
  ['field aliases', { fields: 'name.as(title)' }, 'fields'],
])('refuses %s with code 100 naming the parameter', async (feature, query, param) => {
  const refused = await graph(sim, 'GET', 'me', { token: userToken, query });
  expect(refused.status).toBe(400);
  expect(refused.body.error).toMatchObject({ code: 100, error_user_title: 'Legacy Graph API feature' });
  expect(refused.body.error.message).toContain(`Param ${param}: ${feature}`);
  const plain = await graph(sim, 'GET', 'me', { token: userToken, query: { fields: 'id,name' } });
  expect(plain.status).toBe(200);
});

it('does not turn a GET into a DELETE: the Page subscription is still there', async () => {
  const token = await pageToken(sim, userToken, IDS.bakeryPageId);
  const sub = await graph(sim, 'POST', `${IDS.bakeryPageId}/subscribed_apps`, {
    token,
    form: { subscribed_fields: 'leadgen' },
  });
  expect(sub.status).toBe(200);
  const override = await graph(sim, 'GET', `${IDS.bakeryPageId}/subscribed_apps`, {
    token,
    query: { method: 'delete' },
  });
  expect(override.status).toBe(400);
  const list = await graph(sim, 'GET', `${IDS.bakeryPageId}/subscribed_apps`, { token });
  expect(list.body.data).toHaveLength(1);
});

it('refuses one inside a batch on its own, and answers the batch’s other requests', async () => {
  const batch = [
    { method: 'GET', relative_url: 'me?date_format=U' },
    { method: 'GET', relative_url: 'me?fields=id' },
  ];
  const res = await graph(sim, 'POST', '', {
    token: userToken,
    form: { batch: JSON.stringify(batch), include_headers: 'false' },
  });
  expect(res.status).toBe(200);
  const [first, second] = res.body as Array<{ code: number; body: string }>;
  expect(first!.code).toBe(400);
  expect(JSON.parse(first!.body).error.message).toContain('date_format');
  expect(second!.code).toBe(200);
});
