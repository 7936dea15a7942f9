/**
 * The Graph client against the running simulator: as Meta's reported usage climbs, the client pauses
 * before its next call, and says why; Meta's own wait wins.
 */
import { startMetaSimulator, DEFAULT_WORLD_IDS as W, type MetaSimulator } from '../../local/meta-simulator';
import { GraphClient } from '../../lambdas/platform/adapters/graph/graph-client';
import { throttleDelay } from '../../lambdas/platform/core/graph/throttle-policy';
import * as z from 'zod';
import {
  APP_ID as SIM_APP_ID,
  APP_SECRET as SIM_APP_SECRET,
  connectUser,
} from '../local/meta-simulator/sim-test-helpers';

const APP = { appId: '100000000000009', appSecret: 'throttle-test-secret' };
let sim: MetaSimulator;
beforeAll(async () => {
  sim = await startMetaSimulator({ port: 0, ...APP });
});
afterAll(async () => {
  await sim.close();
});

it('decides the pause from the usage Meta reports', () => {
  const usage = (maxPercent: number, regainAccessMs = 0) => ({ maxPercent, regainAccessMs, buckets: [] });
  expect(throttleDelay(usage(10))).toEqual({ delayMs: 0, reason: 'usage_ok' });
  expect(throttleDelay(usage(85))).toEqual({ delayMs: 250, reason: 'usage_above_80' });
  expect(throttleDelay(usage(99))).toEqual({ delayMs: 2000, reason: 'usage_above_95' });
  expect(throttleDelay(usage(40, 60_000))).toEqual({ delayMs: 60_000, reason: 'meta_asked_to_wait' });
});

it('slows down as the simulator reports the app nearing its limit', async () => {
  await fetch(`${sim.url}/_sim/usage`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ appCallBudget: 10 }),
  });
  const sleeps: number[] = [];
  const reasons: string[] = [];
  const client = new GraphClient({
    baseUrl: sim.url,
    version: 'v26.0',
    appSecret: async () => APP.appSecret,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    onThrottle: (i) => reasons.push(i.reason),
  });
  const appToken = `${APP.appId}|${APP.appSecret}`;
  for (let i = 0; i < 9; i++) {
    await client
      .get(W.bakeryPageId, {
        token: appToken,
        query: { fields: 'id,name' },
        schema: z.object({ id: z.string() }),
      })
      .catch(() => undefined);
  }
  expect(reasons).toEqual(expect.arrayContaining(['usage_above_80']));
  expect(sleeps.some((ms) => ms > 0)).toBe(true);
});

it('paces on the usage each request of a batch reports: Meta counts every request in a batch', async () => {
  const fresh = await startMetaSimulator({ port: 0, appId: SIM_APP_ID, appSecret: SIM_APP_SECRET });
  try {
    // batch requests take a user token
    const user = (await connectUser(fresh)).longToken;
    await fetch(`${fresh.url}/_sim/usage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ appCallBudget: 12 }),
    });
    const sleeps: number[] = [];
    const reasons: string[] = [];
    const client = new GraphClient({
      baseUrl: fresh.url,
      version: 'v26.0',
      appSecret: async () => SIM_APP_SECRET,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      onThrottle: (i) => reasons.push(i.reason),
    });
    const read = {
      path: W.bakeryPageId,
      token: user,
      query: { fields: 'id' },
      schema: z.object({ id: z.string() }),
    };
    // one HTTP call carrying nine reads: the client has slept for none of them yet
    const answers = await client.batch(
      Array.from({ length: 9 }, () => read),
      user,
    );
    expect(answers.map((a) => a.ok)).toEqual(Array(9).fill(true));
    expect(sleeps.filter((ms) => ms > 0)).toEqual([]);
    expect(reasons).toEqual(expect.arrayContaining(['usage_above_80']));
    // the next call waits for what the batch's answers reported
    await client.get(W.bakeryPageId, read).catch(() => undefined);
    expect(sleeps.some((ms) => ms > 0)).toBe(true);
  } finally {
    await fresh.close();
  }
});
