import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { createDevJwt, type DevJwt } from '../../local/infra/dev-jwt';
import { startApiServer, type ApiRoute, type ApiServer } from '../../local/http/api-server';
import { createHandlerLoader } from '../../local/lambda/handler-loader';
import { REPO_ROOT } from '../../local/paths';

const routes: ApiRoute[] = [
  { method: 'GET', path: '/health', fn: 'missing', auth: 'none' },
  { method: 'GET', path: '/echo/{id}', fn: 'echo', auth: 'none' },
  { method: 'POST', path: '/echo/{id}', fn: 'echo', auth: 'none' },
  { method: 'GET', path: '/echo/special', fn: 'echo', auth: 'none' },
  { method: 'GET', path: '/mode/{mode}', fn: 'echo', auth: 'none' },
  { method: 'GET', path: '/secure/{id}', fn: 'echo', auth: 'jwt' },
  { method: 'GET', path: '/missing', fn: 'missing', auth: 'none' },
];

interface Echo {
  event: any;
  deps: unknown;
  context: { functionName: string; awsRequestId: string };
}

/** raw node:http request, for things fetch normalizes away (duplicate headers, exact bytes) */
function raw(
  server: ApiServer,
  options: http.RequestOptions,
  body?: Buffer,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, ...options }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('API server (API Gateway HTTP API, payload 2.0)', () => {
  let server: ApiServer;
  let jwt: DevJwt;

  beforeAll(async () => {
    jwt = await createDevJwt({ issuer: 'http://localhost:0/local-issuer' });
    server = await startApiServer({
      port: 0,
      routes,
      functions: {
        echo: { entry: 'test/local/fixtures/echo-handler.ts' },
        missing: { entry: 'test/local/fixtures/not-written-yet.ts' },
      },
      loader: createHandlerLoader(REPO_ROOT, () => ({ injected: 'deps' })),
      jwt,
      maxBodyBytes: 64 * 1024,
    });
  });
  afterAll(() => server.close());

  const echo = async (res: Response | { body: Buffer }) =>
    ('json' in res ? await res.json() : JSON.parse(res.body.toString('utf8'))) as Echo;

  it('builds the payload 2.0 event', async () => {
    const res = await raw(server, {
      method: 'GET',
      path: '/echo/a%20b?x=1&y=%C3%A9&x=2&flag&plus=a+b',
      headers: { 'X-Dup': ['one', 'two'], Cookie: 'a=1; b=2', 'User-Agent': 'jest-agent' },
    });
    expect(res.status).toBe(200);
    expect(res.headers['apigw-requestid']).toBeDefined();
    const { event, deps, context } = await echo(res);
    expect(deps).toEqual({ injected: 'deps' });
    expect(context.functionName).toBe('echo');
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /echo/{id}',
      rawPath: '/echo/a b',
      rawQueryString: 'x=1&y=%C3%A9&x=2&flag&plus=a+b',
      cookies: ['a=1', 'b=2'],
      queryStringParameters: { x: '1,2', y: 'é', flag: '', plus: 'a+b' },
      pathParameters: { id: 'a b' },
      isBase64Encoded: false,
      requestContext: {
        accountId: '000000000000',
        apiId: 'local',
        domainName: `127.0.0.1:${server.port}`,
        domainPrefix: '127',
        http: {
          method: 'GET',
          path: '/echo/a b',
          protocol: 'HTTP/1.1',
          sourceIp: '127.0.0.1',
          userAgent: 'jest-agent',
        },
        routeKey: 'GET /echo/{id}',
        stage: '$default',
      },
    });
    expect(event.headers['x-dup']).toBe('one,two');
    expect(event.headers.cookie).toBeUndefined();
    expect(event.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(event.headers['x-amzn-trace-id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(event.requestContext.time).toMatch(/^\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d \+0000$/);
    expect(typeof event.requestContext.timeEpoch).toBe('number');
    expect(event.requestContext.requestId).toBe(res.headers['apigw-requestid']);
    expect(event.body).toBeUndefined();
    expect(event.requestContext.authorizer).toBeUndefined();
  });

  it('prefers literal segments over parameters', async () => {
    const { event } = await echo(await fetch(`${server.url}/echo/special`));
    expect(event.routeKey).toBe('GET /echo/special');
    expect(event.pathParameters).toBeUndefined();
  });

  it('passes text bodies as UTF-8 and everything else base64, byte-exact', async () => {
    const json = '\uFEFF{"héllo":"wörld"}';
    let { event } = await echo(
      await raw(
        server,
        { method: 'POST', path: '/echo/1', headers: { 'content-type': 'application/json; charset=utf-8' } },
        Buffer.from(json),
      ),
    );
    expect(event.isBase64Encoded).toBe(false);
    expect(Buffer.from(event.body, 'utf8').equals(Buffer.from(json))).toBe(true);

    const bytes = Buffer.concat([randomBytes(300), Buffer.from([0xff, 0xfe, 0xc3])]);
    ({ event } = await echo(
      await raw(
        server,
        { method: 'POST', path: '/echo/1', headers: { 'content-type': 'application/octet-stream' } },
        bytes,
      ),
    ));
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body, 'base64').equals(bytes)).toBe(true);

    // a "JSON" body that is not valid UTF-8 must still reach the handler byte-for-byte (webhook signatures)
    const invalid = Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    ({ event } = await echo(
      await raw(
        server,
        { method: 'POST', path: '/echo/1', headers: { 'content-type': 'application/json' } },
        invalid,
      ),
    ));
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body, 'base64').equals(invalid)).toBe(true);

    // form posts arrive base64 in API Gateway HTTP APIs
    ({ event } = await echo(
      await fetch(`${server.url}/echo/1`, {
        method: 'POST',
        body: new URLSearchParams({ signed_request: 'a.b' }),
      }),
    ));
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body, 'base64').toString()).toBe('signed_request=a.b');
    expect(event.headers['content-length']).toBe('18');
  });

  it('rejects missing and invalid JWTs like the JWT authorizer, and passes stringified claims', async () => {
    const unauth = await fetch(`${server.url}/secure/1`);
    expect(unauth.status).toBe(401);
    expect(await unauth.json()).toEqual({ message: 'Unauthorized' });

    const otherIssuer = await createDevJwt({ issuer: 'http://localhost:0/local-issuer' });
    for (const token of [
      'garbage',
      await otherIssuer.issue('acme'),
      await jwt.issue('acme', { expiresIn: -10 }),
    ]) {
      const res = await fetch(`${server.url}/secure/1`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(401);
    }

    const token = await jwt.issue('acme', { sub: 'user-1', roles: ['admin', 'editor'] });
    const res = await fetch(`${server.url}/secure/1`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const { event } = await echo(res);
    expect(event.requestContext.authorizer.jwt.scopes).toBeNull();
    expect(event.requestContext.authorizer.jwt.claims).toMatchObject({
      tenant_id: 'acme',
      sub: 'user-1',
      roles: '[admin editor]',
      iss: 'http://localhost:0/local-issuer',
      aud: 'meta-connector-local',
      exp: expect.stringMatching(/^\d+$/),
    });
  });

  it('answers unknown routes 404 and other methods 405 as problem+json', async () => {
    const nf = await fetch(`${server.url}/nope`);
    expect(nf.status).toBe(404);
    expect(nf.headers.get('content-type')).toBe('application/problem+json');
    expect(await nf.json()).toMatchObject({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: expect.any(String),
    });

    const na = await fetch(`${server.url}/echo/1`, { method: 'DELETE' });
    expect(na.status).toBe(405);
    expect(na.headers.get('allow')).toBe('GET, POST');
    expect(await na.json()).toMatchObject({ status: 405, title: 'Method Not Allowed' });
  });

  it('answers 501 for handler modules that do not exist yet (readiness excepted)', async () => {
    const res = await fetch(`${server.url}/missing`);
    expect(res.status).toBe(501);
    expect(await res.json()).toMatchObject({
      status: 501,
      detail: expect.stringContaining('not-written-yet.ts'),
    });
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });

  it('translates structured, inferred, binary and cookie results; a throwing handler is a 500', async () => {
    let res = await fetch(`${server.url}/mode/binary`);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(Buffer.from([0, 1, 2, 254, 255]));
    expect(res.headers.get('content-type')).toBe('application/octet-stream');

    const cookies = await raw(server, { method: 'GET', path: '/mode/cookies' });
    expect(cookies.status).toBe(204);
    expect(cookies.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2; HttpOnly']);
    expect(cookies.headers['x-extra']).toBe('yes');

    res = await fetch(`${server.url}/mode/redirect`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('http://localhost:5173/done?x=1');

    res = await fetch(`${server.url}/mode/string`);
    expect([res.status, res.headers.get('content-type'), await res.text()]).toEqual([
      200,
      'application/json',
      'plain result',
    ]);
    res = await fetch(`${server.url}/mode/object`);
    expect(await res.json()).toEqual({ inferred: true });

    res = await fetch(`${server.url}/mode/throw`);
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ message: 'Internal Server Error' });
  });

  it('caps request bodies (413)', async () => {
    const res = await raw(
      server,
      { method: 'POST', path: '/echo/1', headers: { 'content-type': 'application/json' } },
      Buffer.alloc(64 * 1024 + 1, 0x20),
    );
    expect(res.status).toBe(413);
  });
});
