/**
 * A data-deletion `signed_request` delivered again inside its hour (Meta retrying, or someone replaying
 * a captured one) gets the same confirmation code and queues nothing new.
 */
import { withLocalRuntime } from '../support/local-runtime';
import { connectAndSelect } from '../support/meta-connect';
import { nowS, postSignedRequest, privacyDeps, signed } from '../support/privacy';
import { DEFAULT_WORLD_IDS as W } from '../../local/meta-simulator';
import { PurgeRequested } from '../../lambdas/modules/privacy/contracts';
import { verifySignedRequest } from '../../lambdas/modules/privacy/core/signed-request';

const rt = withLocalRuntime();
const PATH = '/api/v1/meta/data-deletion';

const purgesFor = (connectionId: string) =>
  rt.runtime
    .events({ detailType: PurgeRequested.detailType })
    .filter((e) => (e.envelope.detail as any).connectionId === connectionId);

it('the same signed request, at once or again, answers one code and queues one purge', async () => {
  // the second demo user: a deletion for them touches no other test's data
  const connectionId = await connectAndSelect(rt, 'replay-co', {}, { userId: W.secondUserId });
  const request = signed(rt, { algorithm: 'HMAC-SHA256', issued_at: nowS(), user_id: W.secondUserId });

  const [a, b] = await Promise.all([
    postSignedRequest(rt, PATH, request),
    postSignedRequest(rt, PATH, request),
  ]);
  expect([a.status, b.status]).toEqual([200, 200]);
  const code = a.json.confirmation_code;
  expect(b.json.confirmation_code).toBe(code);

  const again = await postSignedRequest(rt, PATH, request);
  expect(again.json).toEqual(a.json);
  // the same payload with its signature padded is the same request
  const [sig, payload] = request.split('.');
  expect((await postSignedRequest(rt, PATH, `${sig}=.${payload}`)).json.confirmation_code).toBe(code);

  expect(purgesFor(connectionId)).toHaveLength(1);
  expect(
    (await rt.api({ token: await rt.token('replay-co') }).get('/api/v1/audit?action=deletion.requested')).json
      .items,
  ).toHaveLength(1);
  expect((await rt.api().get(`${PATH}/${code}`)).status).toBe(200);
});

it('a new signed request for the same person is a new request with its own code', async () => {
  const first = await postSignedRequest(
    rt,
    PATH,
    signed(rt, { algorithm: 'HMAC-SHA256', issued_at: nowS() - 60, user_id: '888888888888' }),
  );
  const second = await postSignedRequest(
    rt,
    PATH,
    signed(rt, { algorithm: 'HMAC-SHA256', issued_at: nowS() - 30, user_id: '888888888888' }),
  );
  expect(first.json.confirmation_code).not.toBe(second.json.confirmation_code);
});

it('a first delivery that died before finishing is finished by the next one, with its code', async () => {
  const connectionId = await connectAndSelect(rt, 'lapse-co', {}, { userId: W.secondUserId });
  const request = signed(rt, { algorithm: 'HMAC-SHA256', issued_at: nowS() - 10, user_id: W.secondUserId });
  const check = verifySignedRequest(request, rt.runtime.metaApp.appSecret, new Date());
  if (!check.valid) throw new Error(check.reason);
  // what a delivery leaves behind when it dies right after claiming: a claim whose lease ran out
  const now = new Date();
  await privacyDeps(rt).callbacks.deletions.claimRequest(check.requestDigest, {
    code: 'diedHalfwayCode1',
    now,
    leaseUntil: new Date(now.getTime() - 1),
    expiresAt: new Date(now.getTime() + 3600_000),
  });
  const res = await postSignedRequest(rt, PATH, request);
  expect(res.json.confirmation_code).toBe('diedHalfwayCode1');
  expect(purgesFor(connectionId)).toHaveLength(1);
  expect((await postSignedRequest(rt, PATH, request)).json.confirmation_code).toBe('diedHalfwayCode1');
  expect(purgesFor(connectionId)).toHaveLength(1);
});
