/**
 * `npm run ops -- rotate-app-secret` against the local runtime: the rotation is written to the local
 * Secrets Manager, and the running webhook accepts the new app secret and, during the grace, the old one.
 */
import { createHmac } from 'node:crypto';
import { withLocalRuntime } from '../support/local-runtime';
import { eventually } from '../support/meta-connect';
import { leadgenEnvelope } from '../support/leads';
import { rotate } from '../../scripts/ops/rotate';
import { localTarget } from '../../scripts/ops/target';

const rt = withLocalRuntime({ secretsMaxAgeSeconds: 1 });

const deliver = async (appSecret: string) => {
  const body = JSON.stringify(leadgenEnvelope([{ leadgenId: '930000000000002' }]));
  const signature = `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
  const res = await fetch(`${rt.runtime.apiUrl}/api/v1/meta/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
    body,
  });
  return res.status;
};

it('rotates the local Meta secret; the webhook takes the new app secret and, during the grace, the old', async () => {
  const before = rt.runtime.metaApp.appSecret;
  const target = localTarget({
    sqsEndpoint: rt.runtime.sqsEndpoint,
    busUrl: rt.runtime.busUrl,
    replay: rt.runtime.replay,
    secretsManager: rt.runtime.secretsManager,
  });
  const next = 'rotated-local-app-secret-7731';
  try {
    const { client, secretId } = await target.metaSecret();
    const { previousUntil } = await rotate(
      client,
      secretId,
      { kind: 'app-secret', appSecret: next },
      3_600_000,
    );
    expect(Date.parse(previousUntil)).toBeGreaterThan(Date.now() + 3_500_000);
  } finally {
    target.close();
  }
  await eventually(async () => ((await deliver(next)) === 200 ? true : undefined));
  expect(await deliver(before)).toBe(200);
  expect(await deliver('never-the-app-secret-0000')).toBe(401);
});
