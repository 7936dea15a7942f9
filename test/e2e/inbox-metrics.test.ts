/**
 * The inbox figures against a scripted set of Messenger conversations two days ago, delivered as Meta's
 * signed webhooks with their own times, so every figure is known in advance: conversations opened,
 * messages in and out, replies sent, first-response median and 90th percentile, response rate. Then a
 * reply sent today through the API counts as a reply sent; another tenant sees nothing; a disconnect
 * purges the counters.
 */
import { withLocalRuntime } from '../support/local-runtime';
import { connectAndSelect, eventually, simJson } from '../support/meta-connect';
import { conversations, simMessage, waitForConversation, waitForReply } from '../support/inbox';
import { leftovers } from '../support/privacy';
import { DEFAULT_WORLD_IDS as W } from '../../local/meta-simulator';

const rt = withLocalRuntime();
const T = 'helpdesk-co';
const DAY_MS = 86_400_000;
const H = 3_600_000;
const S = 1000;
const today = () => new Date().toISOString().slice(0, 10);
const dayAgo = (n: number) =>
  new Date(Date.parse(`${today()}T00:00:00Z`) - n * DAY_MS).toISOString().slice(0, 10);
/** a foreign app's echo: a reply typed in Meta Business Suite, not sent by this service */
const SUITE_APP_ID = 263902037430900;
let connectionId: string;
let mid = 0;

/** Meta's `messages` / `message_echoes` item, signed by the simulator and POSTed to the webhook */
async function say(person: string, at: number, from: 'person' | 'page') {
  const page = { id: W.bakeryPageId };
  const who = { id: person };
  const item = {
    sender: from === 'person' ? who : page,
    recipient: from === 'person' ? page : who,
    timestamp: at,
    message: {
      mid: `m_script_${person}_${++mid}`,
      text: from === 'person' ? 'A question' : 'An answer',
      ...(from === 'page' ? { is_echo: true, app_id: SUITE_APP_ID } : {}),
    },
  };
  const res = await simJson(rt, '/_sim/webhooks', {
    body: { object: 'page', entry: [{ id: W.bakeryPageId, time: at, messaging: [item] }] },
  });
  expect(res.json.status).toBe(200);
}

beforeAll(async () => {
  connectionId = await connectAndSelect(rt, T, { pages: [W.bakeryPageId] }, { features: ['inbox'] });
});

it('match a scripted set of conversations, first-response times known in advance', async () => {
  const t0 = Date.parse(`${dayAgo(2)}T08:00:00Z`);
  // P1 answered in 5 minutes
  await say('7100000000000001', t0, 'person');
  await say('7100000000000001', t0 + 300 * S, 'page');
  // P2 writes twice (one conversation), answered 30 minutes after the first
  await say('7100000000000002', t0 + 1 * H, 'person');
  await say('7100000000000002', t0 + 1 * H + 60 * S, 'person');
  await say('7100000000000002', t0 + 1 * H + 1800 * S, 'page');
  // P3 answered in 2 hours
  await say('7100000000000003', t0 + 2 * H, 'person');
  await say('7100000000000003', t0 + 2 * H + 7200 * S, 'page');
  // P4 never answered
  await say('7100000000000004', t0 + 3 * H, 'person');
  // P5 answered the next day, 26 hours later: a first response, but not within 24 hours
  await say('7100000000000005', t0 + 4 * H, 'person');
  await say('7100000000000005', t0 + 4 * H + 26 * H, 'page');
  // P6 answered in 10 minutes, writes again 2 hours later (the same conversation) and is answered again
  await say('7100000000000006', t0 + 5 * H, 'person');
  await say('7100000000000006', t0 + 5 * H + 600 * S, 'page');
  await say('7100000000000006', t0 + 7 * H, 'person');
  await say('7100000000000006', t0 + 7 * H + 60 * S, 'page');
  await eventually(async () => ((await conversations(rt, T)).length === 6 ? true : undefined), 20_000);
  await eventually(async () => {
    const all = await conversations(rt, T);
    return all.every((c) => c.lastMessage) ? true : undefined;
  });

  // P7 writes today and gets a reply sent through this service
  const inbound = await simMessage(rt, { channel: 'messenger', text: 'Open on Sunday?' });
  const conv = await waitForConversation(rt, T, (c) => c.contact?.id === inbound.from);
  const a = rt.api({ token: await rt.token(T) });
  const draft = await a.post(`/api/v1/conversations/${conv.id}/replies`, { text: 'Yes, 8 to 12.' });
  await a.post(`/api/v1/replies/${draft.json.id}/approve`);
  await waitForReply(rt, T, draft.json.id);

  await rt.runtime.runSchedule('inbox-metrics');
  const res = await a.get(`/api/v1/inbox/metrics?since=${dayAgo(2)}&until=${dayAgo(2)}&channel=messenger`);
  expect(res.status).toBe(200);
  expect(res.json.days).toEqual([
    expect.objectContaining({
      date: dayAgo(2),
      assetId: W.bakeryPageId,
      channel: 'messenger',
      conversationsOpened: 6,
      messagesIn: 8,
      messagesOut: 5,
      repliesSent: 0,
      responded: 4,
      unanswered: 2,
      pending: 0,
      firstResponseCount: 5,
      // nearest rank of 300, 600, 1800, 7200, 93600 s
      firstResponseP50Seconds: 1800,
      firstResponseP90Seconds: 93600,
      responseRate: 4 / 6,
    }),
  ]);
  // P5's answer counts on the day it was sent
  const next = (await a.get(`/api/v1/inbox/metrics?since=${dayAgo(1)}&until=${dayAgo(1)}`)).json;
  expect(next.days).toEqual([
    expect.objectContaining({ messagesOut: 1, messagesIn: 0, conversationsOpened: 0 }),
  ]);

  // today: one conversation, answered through this service
  const now = (await a.get(`/api/v1/inbox/metrics?since=${today()}&until=${today()}`)).json;
  expect(now.days).toEqual([
    expect.objectContaining({
      conversationsOpened: 1,
      messagesIn: 1,
      messagesOut: 1,
      repliesSent: 1,
      responded: 1,
    }),
  ]);

  // the range: counts add up, percentiles from the days' histograms within 1 %
  const range = (await a.get(`/api/v1/inbox/metrics?since=${dayAgo(2)}&until=${today()}`)).json;
  expect(range.totals).toMatchObject({
    conversationsOpened: 7,
    messagesIn: 9,
    messagesOut: 7,
    repliesSent: 1,
  });
  expect(range.totals.firstResponseP90Seconds).toBeGreaterThan(93600 * 0.99);
  expect(range.totals.firstResponseP90Seconds).toBeLessThan(93600 * 1.01);

  // recounting changes nothing
  await rt.runtime.runSchedule('inbox-metrics');
  expect(
    (await a.get(`/api/v1/inbox/metrics?since=${dayAgo(2)}&until=${dayAgo(2)}&channel=messenger`)).json.days,
  ).toEqual(res.json.days.map((d: any) => ({ ...d, computedAt: expect.any(String) })));

  // bad queries are problems
  for (const bad of ['since=2026-13-01', `since=${today()}&until=${dayAgo(3)}`, 'channel=fax', 'x=1'])
    expect((await a.get(`/api/v1/inbox/metrics?${bad}`)).status).toBe(400);
}, 90_000);

it('another tenant sees none of it; a disconnect purges the counters', async () => {
  const other = rt.api({ token: await rt.token('not-the-helpdesk') });
  expect((await other.get(`/api/v1/inbox/metrics?since=${dayAgo(2)}&until=${today()}`)).json.days).toEqual(
    [],
  );
  const a = rt.api({ token: await rt.token(T) });
  expect((await a.delete(`/api/v1/connections/${connectionId}`)).status).toBe(202);
  await eventually(
    async () => ((await leftovers(rt, connectionId)).length === 0 ? true : undefined),
    30_000,
    250,
  );
  expect((await a.get(`/api/v1/inbox/metrics?since=${dayAgo(2)}&until=${today()}`)).json.days).toEqual([]);
}, 60_000);
