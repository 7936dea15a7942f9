/**
 * The inbox's data safety over a whole run: message, comment and reply text is ciphertext in the table
 * (envelope encryption with the tenant's data key), stored items carry the tenant's retention TTL, the
 * captured logs (at DEBUG) hold no message text, and disconnecting purges the conversations.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { withLocalRuntime } from '../support/local-runtime';
import { captureOutput } from '../support/capture-output';
import { connectAndSelect, eventually } from '../support/meta-connect';
import { simComment, simMessage, waitForConversation, waitForReply } from '../support/inbox';
import { DEFAULT_WORLD_IDS as W } from '../../local/meta-simulator';
import { DATA_KEY_CONTEXT } from '../../lambdas/modules/inbox/core/field-cipher';
import { inboxPipelineFromRuntime } from '../../lambdas/modules/inbox/wiring/pipeline';

const output = captureOutput();

// logs on, at DEBUG: the strictest setting a deployment could choose
const rt = withLocalRuntime({ log: true, env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'DEBUG' } });
const T = 'safe-co';

async function tenantItems(): Promise<Record<string, any>[]> {
  const out: Record<string, any>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await rt.runtime.deps.clients.dynamo.send(
      new ScanCommand({ TableName: rt.runtime.config.tableName, ExclusiveStartKey: start }),
    );
    out.push(...(page.Items ?? []).filter((i) => String(i.pk).startsWith(`T#${T}`)));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

it('stores text as ciphertext with the retention TTL, logs none of it, and purges it with the connection', async () => {
  const secrets = {
    message: 'Secret-Ocelot-4471 wants a wedding cake',
    name: 'Ocelot Person',
    comment: 'Quiet-Heron-9182 says the rye is great',
    reply: 'Thank you Marmot-6620, see you soon',
  };
  const connectionId = await connectAndSelect(
    rt,
    T,
    { pages: [W.bakeryPageId], whatsappNumbers: [W.phoneNumberId] },
    { features: ['inbox', 'whatsapp'] },
  );
  const api = rt.api({ token: await rt.token(T) });
  expect(
    (
      await api.put('/api/v1/settings/retention', {
        messagesDays: 7,
        leadsDays: 395,
        keepLeadsAfterDisconnect: false,
      })
    ).status,
  ).toBe(200);

  const wa = await simMessage(rt, { channel: 'whatsapp', text: secrets.message, name: secrets.name });
  const conv = await waitForConversation(rt, T, (c) => c.contact?.id === wa.from);
  await simComment(rt, { pageId: W.bakeryPageId, message: secrets.comment });
  await waitForConversation(rt, T, (c) => c.lastMessage?.text === secrets.comment);
  const draft = await api.post(`/api/v1/conversations/${conv.id}/replies`, { text: secrets.reply });
  await api.post(`/api/v1/replies/${draft.json.id}/approve`);
  await waitForReply(rt, T, draft.json.id);
  await api.post(`/api/v1/conversations/${conv.id}/replies`, { type: 'ai_draft' });
  await rt.runtime.runSchedule('inbox-sync');
  // the API shows the text to its tenant
  expect((await api.get(`/api/v1/conversations/${conv.id}`)).text).toContain(secrets.message);

  const items = await tenantItems();
  const raw = JSON.stringify(items);
  for (const v of Object.values(secrets)) expect(raw).not.toContain(v);
  const messages = items.filter((i) => i.entity === 'inbox-message' && i.hasContent);
  expect(messages.length).toBeGreaterThanOrEqual(3);
  for (const m of messages.filter((x) => x.textCipher))
    expect(m.textCipher).toMatch(/^fe1\.k[0-9a-z]+\.[A-Za-z0-9_-]+$/);
  // the data key is stored only wrapped by KMS, under the tenant's data-key context
  const key = items.find((i) => i.entity === 'data-key')!;
  expect(key.wrapped).toMatch(/^kms1:/);
  const { vault } = rt.runtime.deps;
  const unwrapped = await vault.decrypt(key.wrapped, { tenantId: T, connectionId: DATA_KEY_CONTEXT });
  expect(Buffer.from(unwrapped, 'base64')).toHaveLength(32);
  await expect(
    vault.decrypt(key.wrapped, { tenantId: 'other-co', connectionId: DATA_KEY_CONTEXT }),
  ).rejects.toMatchObject({ name: 'InvalidCiphertextException' });
  // retention: the tenant chose 7 days for messages
  const now = Date.now() / 1000;
  for (const i of items.filter((x) => ['inbox-message', 'conversation', 'inbox-reply'].includes(x.entity))) {
    expect(i.connectionId).toBe(connectionId);
    expect(i.expiresAt).toBeGreaterThan(now + 6.9 * 86400);
    expect(i.expiresAt).toBeLessThan(now + 7.1 * 86400);
  }
  // a ciphertext moved to another message does not open
  const [a, b] = messages.filter((x) => x.textCipher);
  await expect(inboxOf(rt).cipher.decrypt(T, a!.textCipher, `${b!.id}:text`)).rejects.toThrow();

  // disconnecting purges conversations, messages and replies
  expect((await api.delete(`/api/v1/connections/${connectionId}`)).status).toBe(202);
  await eventually(async () => {
    const left = (await tenantItems()).filter((i) =>
      ['inbox-message', 'conversation', 'inbox-reply', 'whatsapp-template'].includes(i.entity),
    );
    return left.length === 0 ? true : undefined;
  });

  const logs = output.text();
  expect(logs).toContain('inbox change processed');
  for (const v of Object.values(secrets)) expect(logs).not.toContain(v);
});

/** the inbox's stores and cipher over the runtime's table and vault, as its functions build them */
function inboxOf(r: { runtime: { deps: Parameters<typeof inboxPipelineFromRuntime>[0] } }) {
  return inboxPipelineFromRuntime(r.runtime.deps);
}
