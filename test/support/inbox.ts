/** Helpers for the inbox tests: the simulator's people comment and write, the API's inbox is read. */
import type { LocalRuntimeFixture } from './local-runtime';
import { eventually, simJson } from './meta-connect';

export async function simMessage(
  rt: LocalRuntimeFixture,
  o: {
    channel: 'messenger' | 'instagram' | 'whatsapp';
    text: string;
    assetId?: string;
    from?: string;
    name?: string;
    ageSeconds?: number;
    deliver?: boolean;
  },
): Promise<{
  messageId: string;
  from: string;
  assetId: string;
  webhook: any;
  deliveryStatus: number | null;
}> {
  const res = await simJson(rt, '/_sim/messages', { body: o });
  if (res.status !== 200) throw new Error(`sim message: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json;
}

export async function simComment(
  rt: LocalRuntimeFixture,
  o: {
    pageId?: string;
    igAccountId?: string;
    postId?: string;
    parentId?: string;
    from?: { id?: string; name?: string };
    message: string;
    ageSeconds?: number;
    deliver?: boolean;
  },
): Promise<{
  commentId: string;
  postId: string;
  from: { id: string; name: string };
  webhook: any;
  deliveryStatus: number | null;
}> {
  const res = await simJson(rt, '/_sim/comments', { body: o });
  if (res.status !== 200) throw new Error(`sim comment: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json;
}

/** Delivers a payload (e.g. one a sim call returned) again, signed like Meta. */
export async function redeliver(rt: LocalRuntimeFixture, payload: unknown): Promise<number> {
  const res = await simJson(rt, '/_sim/webhooks', { body: payload });
  return res.json.status;
}

export async function conversations(rt: LocalRuntimeFixture, tenantId: string, query = ''): Promise<any[]> {
  const api = rt.api({ token: await rt.token(tenantId) });
  const res = await api.get(`/api/v1/conversations?limit=200${query ? `&${query}` : ''}`);
  if (res.status !== 200) throw new Error(`GET /conversations ${res.status} ${res.text}`);
  return res.json.items;
}

export async function waitForConversation(
  rt: LocalRuntimeFixture,
  tenantId: string,
  match: (c: any) => boolean,
  timeoutMs = 30_000,
): Promise<any> {
  return eventually(async () => (await conversations(rt, tenantId)).find(match), timeoutMs);
}

export async function conversation(rt: LocalRuntimeFixture, tenantId: string, id: string): Promise<any> {
  const res = await rt.api({ token: await rt.token(tenantId) }).get(`/api/v1/conversations/${id}`);
  if (res.status !== 200) throw new Error(`GET /conversations/${id} ${res.status} ${res.text}`);
  return res.json;
}

/** Waits until the conversation satisfies `check` (e.g. a message arrived or changed status). */
export async function waitForDetail(
  rt: LocalRuntimeFixture,
  tenantId: string,
  id: string,
  check: (detail: any) => boolean,
  timeoutMs = 30_000,
): Promise<any> {
  return eventually(async () => {
    const detail = await conversation(rt, tenantId, id);
    return check(detail) ? detail : undefined;
  }, timeoutMs);
}

export async function waitForReply(
  rt: LocalRuntimeFixture,
  tenantId: string,
  replyId: string,
  statuses: string[] = ['sent', 'failed'],
  timeoutMs = 30_000,
): Promise<any> {
  const api = rt.api({ token: await rt.token(tenantId) });
  return eventually(async () => {
    const res = await api.get(`/api/v1/replies/${replyId}`);
    return statuses.includes(res.json?.status) ? res.json : undefined;
  }, timeoutMs);
}

export async function simState(rt: LocalRuntimeFixture): Promise<any> {
  return (await simJson(rt, '/_sim/state')).json;
}

/** What the simulated Meta received from the business: messages (Send API, WhatsApp) and comments. */
export async function sentMessages(rt: LocalRuntimeFixture, text?: string): Promise<any[]> {
  const state = await simState(rt);
  return state.messages.filter(
    (m: any) =>
      m.kind === 'inbox-message' && m.direction === 'outbound' && (text === undefined || m.text === text),
  );
}
