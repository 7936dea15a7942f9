/**
 * Rotating the Meta app secret and verify token in (local) Secrets Manager: the running service reads them
 * through the production provider, and moves to the new version once its cache's max age has passed
 * (1 s here instead of 300 s, so the test need not wait five minutes).
 */
import { createHmac } from 'node:crypto';
import { PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { withLocalRuntime } from '../support/local-runtime';
import { eventually } from '../support/meta-connect';
import { leadgenEnvelope } from '../support/leads';
import { createSecretsManagerClient } from '../../local/infra/aws-clients';
import { SecretsManagerMetaSecrets } from '../../lambdas/platform/adapters/secrets/secrets-manager-provider';

const rt = withLocalRuntime({ secretsMaxAgeSeconds: 1 });

const handshake = async (verifyToken: string) =>
  (
    await rt
      .api()
      .get(
        `/api/v1/meta/webhook?hub.mode=subscribe&hub.verify_token=${encodeURIComponent(verifyToken)}&hub.challenge=42`,
      )
  ).status;

const deliver = async (appSecret: string) => {
  const body = JSON.stringify(leadgenEnvelope([{ leadgenId: '930000000000001' }]));
  const signature = `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
  const res = await fetch(`${rt.runtime.apiUrl}/api/v1/meta/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
    body,
  });
  return res.status;
};

it('the webhook follows a rotated app secret and verify token once the cache has expired', async () => {
  expect(rt.runtime.deps.secrets).toBeInstanceOf(SecretsManagerMetaSecrets);
  const before = rt.runtime.metaApp;
  expect(await handshake(before.verifyToken)).toBe(200);
  expect(await deliver(before.appSecret)).toBe(200);

  const rotated = { appSecret: 'rotated-app-secret-0001', verifyToken: 'rotated-verify-token' };
  const sm = createSecretsManagerClient(rt.runtime.secretsManager.endpoint);
  try {
    await sm.send(
      new PutSecretValueCommand({
        SecretId: rt.runtime.secretsManager.metaSecretArn,
        SecretString: JSON.stringify(rotated),
      }),
    );
  } finally {
    sm.destroy();
  }

  await eventually(async () => ((await handshake(rotated.verifyToken)) === 200 ? true : undefined));
  expect(await handshake(before.verifyToken)).toBe(403);
  expect(await deliver(rotated.appSecret)).toBe(200);
  expect(await deliver(before.appSecret)).toBe(401);
});
