import { SCHEDULES } from '../../lambdas/app/topology';
import { withLocalRuntime } from '../support/local-runtime';
import { KmsTokenVault } from '../../lambdas/platform/adapters/vault/kms-vault';
import { SecretsManagerMetaSecrets } from '../../lambdas/platform/adapters/secrets/secrets-manager-provider';
import { S3ExportStore } from '../../lambdas/modules/privacy/adapters/s3-export-store';

// The whole runtime, without the simulator (it has its own tests): start-up, wiring and shutdown.
describe('local runtime', () => {
  const rt = withLocalRuntime({ simulator: false });

  it('is ready and healthy', async () => {
    const res = await rt.api().get('/health');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: 'ok' });
    expect(rt.runtime.config).toMatchObject({
      tableName: 'meta-connector',
      eventBusName: 'meta-connector',
      publicBaseUrl: rt.runtime.apiUrl,
      allowLocalhostReturnUrls: true,
      tenantClaim: 'tenant_id',
    });
    expect(Object.keys(rt.runtime.config.queueUrls).sort()).toEqual(
      Object.keys(rt.runtime.queues.dlqUrls).sort(),
    );
  });

  it('runs the production KMS, Secrets Manager and S3 adapters against its own endpoints', async () => {
    const { clients, kms, secretsManager, s3 } = rt.runtime;
    expect(clients.vault).toBeInstanceOf(KmsTokenVault);
    expect(clients.secrets).toBeInstanceOf(SecretsManagerMetaSecrets);
    expect(clients.exports).toBeInstanceOf(S3ExportStore);
    expect(kms.keyArn).toMatch(/^arn:aws:kms:us-east-1:000000000000:key\/[0-9a-f-]{36}$/);
    expect(secretsManager.metaSecretArn).toMatch(/:secret:meta-connector\/meta-app-.{6}$/);
    // the dev app in the environment is what the service reads from Secrets Manager
    expect(await clients.secrets.metaApp()).toEqual(rt.runtime.metaApp);
    const sealed = await clients.vault.encrypt('t', { tenantId: 'a', connectionId: 'b' });
    expect(sealed).toMatch(/^kms1:/);
    const { location } = await clients.exports!.write('a', 'exp_x', ['{}']);
    expect(location).toBe(`s3://${s3.exportBucket}/exports/a/exp_x.jsonl`);
    expect((await fetch(await clients.exports!.downloadUrl(location))).status).toBe(200);
  });

  it('guards JWT routes and routes unknown paths to problem+json', async () => {
    const api = rt.api();
    expect((await api.get('/api/v1/connections')).json).toEqual({ message: 'Unauthorized' });
    const nf = await api.get('/api/v1/nope');
    expect(nf.status).toBe(404);
    expect(nf.headers.get('content-type')).toBe('application/problem+json');
    const jwks = await api.get('/local-issuer/.well-known/jwks.json');
    expect(jwks.json.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
  });

  it('routes bus events to their queues and shows them on /_local/events', async () => {
    rt.runtime.clearEvents();
    await rt.runtime.clients.eventBridge.putEvents({
      Entries: [
        {
          EventBusName: 'meta-connector',
          // not the public source: those events must keep a contract (test/support/local-runtime.ts)
          Source: 'local.test',
          DetailType: 'local.test',
          Detail: '{"tenantId":"t"}',
        },
      ],
    });
    const res = await rt.api().get('/_local/events?detailType=local.test');
    expect(res.json.events).toHaveLength(1);
    expect(res.json.events[0].envelope).toMatchObject({
      source: 'local.test',
      detail: { tenantId: 't' },
    });
  });

  it('exposes schedules and the TTL sweeper', async () => {
    await expect(rt.runtime.runSchedule('no-such-schedule')).rejects.toThrow(/unknown schedule/);
    const res = await rt.api().post('/_local/schedules/no-such-schedule');
    expect(res.status).toBe(404);
    expect(await rt.runtime.sweepTtl()).toBe(0);
    expect(SCHEDULES.length).toBeGreaterThanOrEqual(0);
  });
});
