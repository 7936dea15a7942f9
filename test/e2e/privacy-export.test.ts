/**
 * What a tenant's export holds, over HTTP on the local runtime: the inbox readable (message text, the
 * contact's name, reply text), nothing sealed, and none of the service's machinery (the wrapped data
 * key, stored answers of an `Idempotency-Key`, Page tokens).
 */
import { withLocalRuntime } from '../support/local-runtime';
import { connectAndSelect, eventually } from '../support/meta-connect';
import { simMessage, waitForConversation, waitForReply } from '../support/inbox';
import { DEFAULT_WORLD_IDS as W } from '../../local/meta-simulator';

const rt = withLocalRuntime();
const T = 'export-inbox-co';

async function exportLines(api: ReturnType<typeof rt.api>): Promise<{ text: string; lines: any[] }> {
  const started = await api.post('/api/v1/exports');
  expect(started.status).toBe(202);
  const done = await eventually(async () => {
    const r = await api.get(`/api/v1/exports/${started.json.id}`);
    return r.json.status === 'completed' ? r : undefined;
  });
  const text = await (await fetch(done.json.downloadUrl)).text();
  return {
    text,
    lines: text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l)),
  };
}

it("gives the tenant its inbox readable and keeps the service's keys, replays and tokens out", async () => {
  const said = {
    message: 'Lynx-3307 asks about rye bread',
    name: 'Lynx Person',
    reply: 'We bake rye daily, Lynx-3307',
  };
  await connectAndSelect(
    rt,
    T,
    { pages: [W.bakeryPageId], whatsappNumbers: [W.phoneNumberId] },
    { features: ['inbox', 'whatsapp'] },
  );
  const api = rt.api({ token: await rt.token(T) });
  const wa = await simMessage(rt, { channel: 'whatsapp', text: said.message, name: said.name });
  const conv = await waitForConversation(rt, T, (c) => c.contact?.id === wa.from);
  // a create with an Idempotency-Key leaves a stored answer behind
  const keyed = rt.api({ token: await rt.token(T), headers: { 'idempotency-key': 'export-reply-1' } });
  const draft = await keyed.post(`/api/v1/conversations/${conv.id}/replies`, { text: said.reply });
  expect(draft.status).toBe(201);
  await api.post(`/api/v1/replies/${draft.json.id}/approve`);
  await waitForReply(rt, T, draft.json.id);

  const { text, lines } = await exportLines(api);
  const kinds = new Set(lines.map((l) => l.kind));
  for (const kind of ['connection', 'conversation', 'inbox-message', 'inbox-reply'])
    expect(kinds).toContain(kind);
  for (const kind of ['data-key', 'idempotency-key', 'page-token', 'oauth-state', 'export'])
    expect(kinds).not.toContain(kind);

  const message = lines.find((l) => l.kind === 'inbox-message' && l.text === said.message);
  expect(message).toMatchObject({ conversationId: conv.id, text: said.message });
  expect(lines.find((l) => l.kind === 'conversation' && l.id === conv.id)).toMatchObject({
    contactName: said.name,
  });
  expect(lines.find((l) => l.kind === 'inbox-reply' && l.id === draft.json.id)).toMatchObject({
    text: said.reply,
  });
  // nothing sealed and no key material leaves
  expect(text).not.toMatch(/Cipher"|fe1\.k|kms1:|"wrapped"/);
});
