import { createHmac } from 'node:crypto';
import {
  DEFAULT_WORLD_IDS as IDS,
  parseSignedRequest,
  signRequest,
  startMetaSimulator,
  type MetaSimulator,
} from '../../../local/meta-simulator';
import { APP_ID, APP_SECRET, Receiver, connectUser, control, graph, pageToken } from './sim-test-helpers';

let sim: MetaSimulator;
let receiver: Receiver;

const hmac = (algo: 'sha1' | 'sha256', raw: Buffer, secret = APP_SECRET) =>
  createHmac(algo, secret).update(raw).digest('hex');

beforeAll(async () => {
  receiver = await new Receiver().start();
  sim = await startMetaSimulator({ appId: APP_ID, appSecret: APP_SECRET, seed: 11 });
  sim.setTargets({
    webhookUrl: `${receiver.url}/api/v1/meta/webhook`,
    deauthorizeUrl: `${receiver.url}/api/v1/meta/deauthorize`,
    dataDeletionUrl: `${receiver.url}/api/v1/meta/data-deletion`,
  });
});
afterAll(async () => {
  await sim.close();
  await receiver.stop();
});
beforeEach(() => {
  sim.reset();
  receiver.received.length = 0;
  receiver.status = 200;
  receiver.answer = { ok: true };
});

describe('leadgen delivery', () => {
  it('signs and posts the leadgen webhook of a new lead', async () => {
    const res = await control(sim, 'POST', 'leads', {
      pageId: IDS.bakeryPageId,
      formId: IDS.bakeryLeadFormId,
      adId: IDS.adId,
      fieldData: { full_name: 'Zoë Ünal' },
      deliver: true,
    });
    expect(res.body).toMatchObject({ leadgenId: expect.any(String), deliveryStatus: 200 });
    const got = receiver.last();
    expect(got.method).toBe('POST');
    expect(got.url).toBe('/api/v1/meta/webhook');
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers['x-hub-signature-256']).toBe(`sha256=${hmac('sha256', got.raw)}`);
    expect(got.headers['x-hub-signature']).toBe(`sha1=${hmac('sha1', got.raw)}`);
    const payload = JSON.parse(got.raw.toString('utf8'));
    expect(payload).toEqual({
      object: 'page',
      entry: [
        {
          id: IDS.bakeryPageId,
          time: expect.any(Number),
          changes: [
            {
              field: 'leadgen',
              value: {
                leadgen_id: res.body.leadgenId,
                page_id: IDS.bakeryPageId,
                form_id: IDS.bakeryLeadFormId,
                ad_id: IDS.adId,
                adgroup_id: IDS.adId,
                created_time: expect.any(Number),
              },
            },
          ],
        },
      ],
    });
    // no PII in the webhook
    expect(got.raw.toString('utf8')).not.toContain('Zo');
  });

  it('reports the service status and can wait for a subscription', async () => {
    receiver.status = 401;
    const rejected = await control(sim, 'POST', 'leads', {
      pageId: IDS.bikesPageId,
      formId: IDS.bikesLeadFormId,
      fieldData: {},
      deliver: true,
    });
    expect(rejected.body.deliveryStatus).toBe(401);
    const skipped = await control(sim, 'POST', 'leads', {
      pageId: IDS.bikesPageId,
      formId: IDS.bikesLeadFormId,
      fieldData: {},
      deliver: true,
      onlyIfSubscribed: true,
    });
    expect(skipped.body).toMatchObject({ deliveryStatus: null, pageSubscribed: false });
    expect(receiver.received).toHaveLength(1);
  });
});

describe('POST /_sim/webhooks', () => {
  const payload = {
    object: 'page',
    entry: [
      {
        id: IDS.bakeryPageId,
        time: 1,
        changes: [{ field: 'feed', value: { item: 'comment', message: 'Grüße/😀' } }],
      },
    ],
  };

  it('sends the payload signed over the raw bytes, escaped like Meta', async () => {
    receiver.answer = { received: true };
    const res = await control(sim, 'POST', 'webhooks', payload);
    expect(res.body).toEqual({ status: 200, body: { received: true } });
    const got = receiver.last();
    const text = got.raw.toString('utf8');
    expect(text).toContain('Gr\\u00fc\\u00dfe\\/\\ud83d\\ude00');
    // only printable ASCII goes over the wire
    expect(/[^ -~]/.test(text)).toBe(false);
    expect(JSON.parse(text)).toEqual(payload);
    expect(got.headers['x-hub-signature-256']).toBe(`sha256=${hmac('sha256', got.raw)}`);
  });

  it('can sign wrongly, not at all, sha1 only, or sign arbitrary raw bytes', async () => {
    receiver.status = 401;
    const wrong = await control(sim, 'POST', 'webhooks', { ...payload, signature: 'wrong' });
    expect(wrong.body.status).toBe(401);
    expect(receiver.last().headers['x-hub-signature-256']).not.toBe(
      `sha256=${hmac('sha256', receiver.last().raw)}`,
    );

    await control(sim, 'POST', 'webhooks', { ...payload, signature: 'none' });
    expect(receiver.last().headers['x-hub-signature-256']).toBeUndefined();
    expect(receiver.last().headers['x-hub-signature']).toBeUndefined();

    await control(sim, 'POST', 'webhooks', { ...payload, signature: 'sha1-only' });
    expect(receiver.last().headers['x-hub-signature-256']).toBeUndefined();
    expect(receiver.last().headers['x-hub-signature']).toBe(`sha1=${hmac('sha1', receiver.last().raw)}`);

    await control(sim, 'POST', 'webhooks', { rawBody: '{"object":"page","entry":[' });
    expect(receiver.last().raw.toString('utf8')).toBe('{"object":"page","entry":[');
    expect(receiver.last().headers['x-hub-signature-256']).toBe(
      `sha256=${hmac('sha256', receiver.last().raw)}`,
    );

    expect((await control(sim, 'POST', 'webhooks', { object: 'page' })).status).toBe(400);
  });
});

describe('revocation and callbacks', () => {
  it('revoke: every token fails with 190/458 and the deauthorize callback carries a valid signed_request', async () => {
    const { longToken } = await connectUser(sim);
    const pt = await pageToken(sim, longToken, IDS.bakeryPageId);
    const res = await control(sim, 'POST', `users/${IDS.userId}/revoke`);
    expect(res.body).toMatchObject({ deauthorizeStatus: 200 });

    for (const token of [longToken, pt]) {
      const call = await graph(sim, 'GET', IDS.bakeryPageId, { token });
      expect(call.status).toBe(400);
      expect(call.body.error).toMatchObject({ code: 190, error_subcode: 458, type: 'OAuthException' });
    }

    const got = receiver.last();
    expect(got.url).toBe('/api/v1/meta/deauthorize');
    expect(got.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const signed = new URLSearchParams(got.raw.toString('utf8')).get('signed_request') as string;
    const [sig, payloadPart] = signed.split('.') as [string, string];
    expect(sig).toBe(createHmac('sha256', APP_SECRET).update(payloadPart).digest('base64url'));
    expect(signed).not.toContain('=');
    expect(JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8'))).toEqual({
      algorithm: 'HMAC-SHA256',
      issued_at: expect.any(Number),
      user_id: IDS.userId,
    });
    expect(parseSignedRequest(signed, APP_SECRET)).toMatchObject({ user_id: IDS.userId });
    expect(parseSignedRequest(signed, 'other-secret')).toBeNull();
  });

  it('data deletion returns the service answer', async () => {
    receiver.answer = { url: 'http://127.0.0.1/status/abc', confirmation_code: 'abc' };
    const res = await control(sim, 'POST', `users/${IDS.userId}/data-deletion`);
    expect(res.body).toEqual({
      status: 200,
      body: { url: 'http://127.0.0.1/status/abc', confirmation_code: 'abc' },
    });
    expect(receiver.last().url).toBe('/api/v1/meta/data-deletion');
  });

  it('expiring a user token gives 190/463 while its never-expiring Page token keeps working', async () => {
    const { longToken } = await connectUser(sim);
    const pt = await pageToken(sim, longToken, IDS.bakeryPageId);
    await control(sim, 'POST', 'tokens/expire', { userId: IDS.userId });
    expect((await graph(sim, 'GET', 'me', { token: longToken })).body.error).toMatchObject({
      code: 190,
      error_subcode: 463,
    });
    expect((await graph(sim, 'GET', IDS.bakeryPageId, { token: pt })).status).toBe(200);
  });

  it('signRequest matches the documented format', () => {
    const signed = signRequest({ algorithm: 'HMAC-SHA256', issued_at: 1, user_id: '42' }, 's');
    const [sig, payloadPart] = signed.split('.') as [string, string];
    expect(Buffer.from(payloadPart, 'base64url').toString()).toBe(
      '{"algorithm":"HMAC-SHA256","issued_at":1,"user_id":"42"}',
    );
    expect(sig).toBe(createHmac('sha256', 's').update(payloadPart).digest('base64url'));
  });
});

describe('webhook verification handshake', () => {
  it('sends hub.mode/hub.challenge/hub.verify_token and checks the echo', async () => {
    receiver.answer = 'ignored';
    const res = await control(sim, 'POST', 'webhooks/verify', { verifyToken: 'vt', challenge: '12345' });
    expect(res.body).toMatchObject({ status: 200, verified: false, challenge: '12345' });
    const q = new URL(receiver.last().url, 'http://x').searchParams;
    expect([q.get('hub.mode'), q.get('hub.challenge'), q.get('hub.verify_token')]).toEqual([
      'subscribe',
      '12345',
      'vt',
    ]);
  });
});
