/**
 * The tenant comes from one JWT claim, and only a real string names a tenant. A token whose tenant claim
 * is null, a boolean, a number, an array or an object is refused, as is a token that never expires.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { withLocalRuntime } from '../support/local-runtime';
import { callerFrom } from '../../lambdas/platform/handlers/tenant-context';
import { stringifyClaims } from '../../local/http/apigw-event';

const rt = withLocalRuntime({ simulator: false });

const now = () => Math.floor(Date.now() / 1000);
const claimsFor = (tenant: unknown) => ({
  iss: rt.runtime.jwt.issuer,
  aud: rt.runtime.jwt.audience,
  sub: 'someone',
  iat: now(),
  exp: now() + 600,
  tenant_id: tenant,
});

describe('a tenant claim that is not a string', () => {
  it.each([
    ['null', null],
    ['true', true],
    ['false', false],
    ['a number', 12345],
    ['a negative float', -1.5],
    ['an array', ['acme']],
    ['an object', { id: 'acme' }],
  ])('%s is 401 tenant_claim_missing, and nothing is stored for it', async (_name, tenant) => {
    const token = await rt.runtime.signToken(claimsFor(tenant));
    const api = rt.api({ token });
    const put = await api.put('/api/v1/settings/approval-rules', { rules: [{ id: 'shared' }] });
    expect(put.status).toBe(401);
    expect(put.headers.get('content-type')).toBe('application/problem+json');
    expect(put.json.reason).toBe('tenant_claim_missing');
    expect((await api.get('/api/v1/audit')).json.reason).toBe('tenant_claim_missing');
  });

  it('the words a non-string claim becomes at API Gateway are refused as well', async () => {
    for (const tenant of ['null', 'true', 'false', '12345', '-1.5', '1e5']) {
      const token = await rt.runtime.signToken(claimsFor(tenant));
      const res = await rt.api({ token }).get('/api/v1/settings/approval-rules');
      expect([tenant, res.status, res.json.reason]).toEqual([tenant, 401, 'tenant_claim_missing']);
    }
    // a real tenant id with digits in it is fine
    const token = await rt.runtime.signToken(claimsFor('acme-2024'));
    expect((await rt.api({ token }).get('/api/v1/settings/approval-rules')).status).toBe(200);
  });

  it('the handler refuses the claims exactly as API Gateway stringifies them', () => {
    for (const tenant of [null, true, 12345, ['a', 'b'], { id: 'x' }]) {
      const event = {
        routeKey: 'GET /x',
        requestContext: { authorizer: { jwt: { claims: stringifyClaims({ tenant_id: tenant }) } } },
      } as unknown as APIGatewayProxyEventV2;
      expect(() => callerFrom(event, 'tenant_id')).toThrow(
        expect.objectContaining({ status: 401, reason: 'tenant_claim_missing' }),
      );
    }
  });
});

describe('a correctly signed token', () => {
  it('without exp is refused like API Gateway refuses it', async () => {
    const { exp: _exp, ...noExp } = claimsFor('acme');
    const res = await rt.api({ token: await rt.runtime.signToken(noExp) }).get('/api/v1/connections');
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ message: 'Unauthorized' });
  });

  it('with exp passes', async () => {
    const res = await rt
      .api({ token: await rt.runtime.signToken(claimsFor('acme')) })
      .get('/api/v1/connections');
    expect(res.status).toBe(200);
  });
});
