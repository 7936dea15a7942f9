/**
 * The two read-only routes the operator console needed: the scope registry (what each permission is for)
 * and a form's field mapping with Meta's standard defaults.
 */
import { withLocalRuntime } from '../support/local-runtime';
import { connectAndSelect } from '../support/meta-connect';
import { SCOPE_REGISTRY } from '../../lambdas/core/scopes/scope-registry';
import { DEFAULT_WORLD_IDS as W } from '../../local/meta-simulator';

const rt = withLocalRuntime();

it('GET /permissions lists every permission of the scope registry with its features and purpose', async () => {
  const api = rt.api({ token: await rt.token('perm-co') });
  const res = await api.get('/api/v1/permissions');
  expect(res.status).toBe(200);
  expect(res.json.items.map((p: any) => p.permission)).toEqual(SCOPE_REGISTRY.map((p) => p.permission));
  expect(res.json.items.find((p: any) => p.permission === 'leads_retrieval')).toMatchObject({
    features: ['leads'],
    why: expect.stringContaining('Lead Ads'),
    retention: 'leads',
  });
  expect(res.json.features).toContain('inbox');
  expect((await rt.api().get('/api/v1/permissions')).status).toBe(401);
});

it('GET /lead-forms/{formId}/mapping answers the defaults, then the mapping a person saved', async () => {
  // a form of a Page the tenant selected: another's form is 404 (PUT refuses it)
  await connectAndSelect(rt, 'mapping-co', { pages: [W.bakeryPageId] });
  const api = rt.api({ token: await rt.token('mapping-co') });
  const before = await api.get(`/api/v1/lead-forms/${W.bakeryLeadFormId}/mapping`);
  expect(before.status).toBe(200);
  expect(before.json).toMatchObject({ formId: W.bakeryLeadFormId, fields: {} });
  expect(before.json.defaults).toMatchObject({ email: 'email', full_name: 'fullName' });

  const put = await api.put(`/api/v1/lead-forms/${W.bakeryLeadFormId}/mapping`, {
    fields: { preferred_pickup_day: 'pickupDay' },
  });
  expect(put.status).toBe(200);
  const after = await api.get(`/api/v1/lead-forms/${W.bakeryLeadFormId}/mapping`);
  expect(after.json.fields).toEqual({ preferred_pickup_day: 'pickupDay' });
  // another tenant's mapping is its own
  const other = rt.api({ token: await rt.token('mapping-other-co') });
  expect((await other.get(`/api/v1/lead-forms/${W.bakeryLeadFormId}/mapping`)).json.fields).toEqual({});
});
