/**
 * An EU campaign drafted without its DSA beneficiary and payer takes the ad account's defaults from Ads
 * Manager (`default_dsa_beneficiary`, `default_dsa_payor` on the ad account,
 * https://developers.facebook.com/docs/marketing-api/reference/ad-account, as the contract reference cites it): they become part of the
 * draft that is approved, and reach Meta on the ad set.
 */
import { withLocalRuntime } from '../support/local-runtime';
import { simJson } from '../support/meta-connect';
import { atMeta, connectAdsTenant, draftBody, untilStatus } from '../support/ads';
import { DEFAULT_WORLD_IDS as W } from '../../local/meta-simulator';

const rt = withLocalRuntime();

it('an EU draft without DSA fields takes the ad account defaults, approved with it and sent to Meta', async () => {
  const set = await simJson(rt, `/_sim/ad-accounts/${W.adAccountId}/dsa`, {
    body: { defaults: { beneficiary: 'Padaria Demo Lda', payor: 'Demo Holding SA' } },
  });
  expect(set.status).toBe(200);
  await connectAdsTenant(rt, 'dsa-default-co');
  const api = rt.api({ token: await rt.token('dsa-default-co') });
  const { dsa: _none, ...withoutDsa } = draftBody('Porto leads', {
    targeting: { countries: ['PT'], ageMin: 30, ageMax: 60 },
  });

  const created = await api.post('/api/v1/campaigns', withoutDsa);
  expect(created.status).toBe(201);
  expect(created.json.dsa).toEqual({ beneficiary: 'Padaria Demo Lda', payor: 'Demo Holding SA' });
  expect((await api.post(`/api/v1/campaigns/${created.json.id}/approve`)).json.status).toBe('approved');
  await untilStatus(api, created.json.id, 'paused');
  expect((await atMeta(rt, created.json.id)).adSets).toEqual([
    expect.objectContaining({ dsaBeneficiary: 'Padaria Demo Lda', dsaPayor: 'Demo Holding SA' }),
  ]);
}, 30_000);
