/**
 * Everything the service logs during a whole run — connect, leads, reconciliation, token watch,
 * disconnect, deletion — must not contain an access token, the app secret or a lead's field values.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { withLocalRuntime } from '../support/local-runtime';
import { captureOutput } from '../support/capture-output';
import { connectAndSelect, eventually, simJson } from '../support/meta-connect';
import { leadgenEnvelope, deliver, simLead, waitForLeads } from '../support/leads';
import { DEFAULT_WORLD_IDS as W } from '../../local/meta-simulator';
import { postSignedRequest, scanAll } from '../support/privacy';

const output = captureOutput();

// logs on, at DEBUG: the strictest setting a deployment could choose
const rt = withLocalRuntime({ log: true, env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'DEBUG' } });

it('no token, secret or lead value appears in the logs of a full run', async () => {
  const secretValues = ['Zanzibar-Quokka-7731', 'quokka.7731@leak-test.example', '+35191777331'];
  const id = await connectAndSelect(rt, 'logs-co', { pages: [W.bakeryPageId] });
  await simLead(rt, {
    fieldData: { full_name: secretValues[0]!, email: secretValues[1]!, phone_number: secretValues[2]! },
  });
  await waitForLeads(rt, 'logs-co', 1);
  // a failing fetch and a bad signature make the error paths log too
  const { leadgenId } = await simLead(rt, { deliver: false, fieldData: { full_name: secretValues[0]! } });
  await simJson(rt, '/_sim/faults', {
    body: { pathPattern: `^/?${leadgenId}$`, status: 500, code: 2, times: 4 },
  });
  await deliver(rt, leadgenEnvelope([{ leadgenId }]));
  await simJson(rt, '/_sim/webhooks', { body: { ...leadgenEnvelope([{ leadgenId }]), signature: 'wrong' } });
  await eventually(
    async () =>
      (await rt.api({ token: await rt.token('logs-co') }).get('/api/v1/leads')).json.items.length >= 2
        ? true
        : undefined,
    20_000,
  );
  await rt.runtime.runSchedule('lead-reconciliation');
  await rt.runtime.runSchedule('token-watch');

  // the tokens Meta issued, read back from the vault before the disconnect purges them
  const items =
    (await rt.runtime.deps.clients.dynamo.send(new ScanCommand({ TableName: rt.runtime.config.tableName })))
      .Items ?? [];
  const ctx = { tenantId: 'logs-co', connectionId: id };
  const tokens: string[] = [];
  for (const i of items.filter((x) => x.connectionId === id)) {
    if (i.userTokenCiphertext) tokens.push(await rt.runtime.deps.vault.decrypt(i.userTokenCiphertext, ctx));
    if (i.entity === 'page-token') tokens.push(await rt.runtime.deps.vault.decrypt(i.ciphertext, ctx));
  }
  expect(tokens.length).toBeGreaterThanOrEqual(2);

  // an export carries the lead's values in its file, never in a log line
  const api = rt.api({ token: await rt.token('logs-co') });
  const exp = await api.post('/api/v1/exports');
  const built = await eventually(async () => {
    const r = await api.get(`/api/v1/exports/${exp.json.id}`);
    return r.json.status === 'completed' ? r.json : undefined;
  });
  expect(await (await fetch(built.downloadUrl)).text()).toContain(secretValues[1]);

  await api.delete(`/api/v1/connections/${id}`);
  await eventually(async () =>
    (await api.get(`/api/v1/connections/${id}`)).status === 404 ? true : undefined,
  );

  // Meta's callbacks: a forged one and a real data deletion for a second tenant of the same person
  const second = await connectAndSelect(rt, 'logs-co-2', { pages: [W.bikesPageId] });
  const ctx2 = { tenantId: 'logs-co-2', connectionId: second };
  for (const i of (await scanAll(rt)).filter((x) => x.connectionId === second)) {
    if (i.userTokenCiphertext) tokens.push(await rt.runtime.deps.vault.decrypt(i.userTokenCiphertext, ctx2));
    if (i.entity === 'page-token') tokens.push(await rt.runtime.deps.vault.decrypt(i.ciphertext, ctx2));
  }
  await postSignedRequest(rt, '/api/v1/meta/deauthorize', 'forged.signature');
  const deletion = await simJson(rt, `/_sim/users/${W.userId}/data-deletion`, { body: {} });
  const answer = typeof deletion.json.body === 'string' ? JSON.parse(deletion.json.body) : deletion.json.body;
  await eventually(async () => {
    const s = await rt.api().get(`/api/v1/meta/data-deletion/${answer.confirmation_code}`);
    return s.json.status === 'completed' ? true : undefined;
  });

  const logs = output.text();
  expect(logs.length).toBeGreaterThan(1000);
  expect(logs).toContain('webhook accepted');
  expect(logs).toContain('connection purge');
  expect(logs).toContain('export built');
  for (const t of tokens) expect(logs).not.toContain(t);
  expect(logs).not.toContain(rt.runtime.metaApp.appSecret);
  // OAuth codes and states travel in query strings: the logs show paths only
  expect(logs).not.toMatch(/oauth\/callback\?/);
  for (const v of secretValues) expect(logs).not.toContain(v);
});
