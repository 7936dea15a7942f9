/**
 * In-memory fakes of the inbox module's ports (and the platform ports it takes), for use-case tests:
 * the stores keep revisions like the table does (a write with a stale revision is refused), the cipher
 * seals reversibly but only opens under the tenant and field it sealed for, and Meta's answers are
 * scripted through {@link FakeInboxGraph}.
 */
import type {
  ConversationFilter,
  EngagementSignal,
  GraphComment,
  GraphTemplate,
  GraphThreadMessage,
  InboxAssets,
  InboxConnection,
  InboxConnections,
  InboxDeps,
  InboxGraph,
  InboxRepository,
  ReplyAssistant,
  ReplyRepository,
  SendMessage,
  TextCipher,
  WhatsAppSend,
} from '../../../lambdas/modules/inbox/ports';
import type { ConversationRecord, InboxMessageRecord } from '../../../lambdas/modules/inbox/core/inbox-model';
import type { ReplyRecord, WhatsAppTemplate } from '../../../lambdas/modules/inbox/core/reply-model';
import type { InboxDayRow, InboxMetricsFilter } from '../../../lambdas/modules/inbox/core/inbox-metrics';
import type { AuditEntry } from '../../../lambdas/platform/core/audit-entry';
import type { DomainEvent } from '../../../lambdas/platform/contracts/event-contract';
import type { Page, PageRequest } from '../../../lambdas/platform/core/ports';
import { FakeConnectionsBase } from '../../support/fake-connections';
import { RecordingMetrics } from '../../support/recording-metrics';

const key = (t: string, id: string) => `${t}|${id}`;

/** Conditional on the revision, like the table: `null` means "must not exist yet". */
function putIfRev<T extends { rev: number }>(
  map: Map<string, T>,
  k: string,
  item: T,
  expectedRev: number | null,
): boolean {
  const existing = map.get(k);
  if (expectedRev === null ? existing !== undefined : existing?.rev !== expectedRev) return false;
  map.set(k, structuredClone(item));
  return true;
}

export class FakeInboxStore implements InboxRepository {
  readonly conversations = new Map<string, ConversationRecord>();
  readonly messages = new Map<string, InboxMessageRecord>();
  readonly signals = new Map<string, EngagementSignal>();
  /** every call, by method name: what a test counts to see work saved */
  readonly calls: string[] = [];

  async getConversation(t: string, id: string) {
    this.calls.push('getConversation');
    return structuredClone(this.conversations.get(key(t, id)));
  }
  async putConversation(c: ConversationRecord, expectedRev: number | null) {
    this.calls.push('putConversation');
    return putIfRev(this.conversations, key(c.tenantId, c.id), c, expectedRev);
  }
  async listConversations(t: string, filter: ConversationFilter, page: PageRequest) {
    this.calls.push('listConversations');
    const items = [...this.conversations.values()]
      .filter((c) => c.tenantId === t && c.lastMessageAt)
      .filter((c) => !filter.channel || c.channel === filter.channel)
      .filter((c) => !filter.assetId || c.assetId === filter.assetId)
      .filter((c) => !filter.status || c.status === filter.status)
      .sort((a, b) => (b.lastMessageAt! < a.lastMessageAt! ? -1 : 1));
    return { items: items.slice(0, page.limit ?? 100), nextCursor: null };
  }
  async getMessage(t: string, id: string) {
    this.calls.push('getMessage');
    return structuredClone(this.messages.get(key(t, id)));
  }
  async putMessage(m: InboxMessageRecord, expectedRev: number | null) {
    this.calls.push('putMessage');
    return putIfRev(this.messages, key(m.tenantId, m.id), m, expectedRev);
  }
  async claimAnnouncement(t: string, id: string, at: string, staleBefore: string) {
    this.calls.push('claimAnnouncement');
    const m = this.messages.get(key(t, id));
    if (!m || m.eventPublished) return false;
    if (m.announceClaimedAt && m.announceClaimedAt >= staleBefore) return false;
    this.messages.set(key(t, id), { ...m, announceClaimedAt: at, rev: m.rev + 1 });
    return true;
  }
  async markMessage(t: string, id: string, flags: { conversationApplied?: true; eventPublished?: true }) {
    this.calls.push('markMessage');
    const m = this.messages.get(key(t, id));
    if (m) this.messages.set(key(t, id), { ...m, ...flags, rev: m.rev + 1 });
  }
  async listMessages(
    t: string,
    conversationId: string,
    page: PageRequest,
  ): Promise<Page<InboxMessageRecord>> {
    this.calls.push('listMessages');
    const items = [...this.messages.values()]
      .filter((m) => m.tenantId === t && m.conversationId === conversationId && m.hasContent && m.sentAt)
      .sort((a, b) => (b.sentAt! < a.sentAt! ? -1 : 1));
    return { items: items.slice(0, page.limit ?? 100), nextCursor: null };
  }
  async putSignal(s: EngagementSignal) {
    const k = key(s.tenantId, `${s.objectId}|${s.userId}`);
    const existing = this.signals.get(k);
    if (!existing || existing.at <= s.at) this.signals.set(k, s);
  }
  async countSignals(t: string, objectId: string) {
    return [...this.signals.values()].filter((s) => s.tenantId === t && s.objectId === objectId && !s.removed)
      .length;
  }
}

export class FakeReplyStore implements ReplyRepository {
  readonly replies = new Map<string, ReplyRecord>();
  readonly approved = new Set<string>();
  readonly templates: WhatsAppTemplate[] = [];

  async get(t: string, id: string) {
    return structuredClone(this.replies.get(key(t, id)));
  }
  async put(r: ReplyRecord, expectedRev: number | null) {
    return putIfRev(this.replies, key(r.tenantId, r.id), r, expectedRev);
  }
  async listForConversation(t: string, conversationId: string) {
    return [...this.replies.values()].filter((r) => r.tenantId === t && r.conversationId === conversationId);
  }
  async rememberApproved(t: string, _c: string, k: string) {
    this.approved.add(key(t, k));
  }
  async wasApproved(t: string, k: string) {
    return this.approved.has(key(t, k));
  }
  async saveTemplates(_t: string, templates: WhatsAppTemplate[]) {
    for (const x of templates) {
      const i = this.templates.findIndex(
        (y) => y.wabaId === x.wabaId && y.name === x.name && y.language === x.language,
      );
      if (i >= 0) this.templates[i] = x;
      else this.templates.push(x);
    }
  }
  async findTemplate(_t: string, wabaId: string, name: string, language: string) {
    return this.templates.find((x) => x.wabaId === wabaId && x.name === name && x.language === language);
  }
  async listTemplates() {
    return this.templates;
  }
}

export class FakeConnections extends FakeConnectionsBase<InboxConnection> implements InboxConnections {
  readonly assets = new Map<string, InboxAssets>();

  /** a connection that selected these assets; each Page gets a token */
  add(
    c: InboxConnection,
    selected: {
      pages?: string[];
      instagram?: Array<{ id: string; pageId: string }>;
      whatsapp?: Array<{ id: string; wabaId: string }>;
    },
  ) {
    this.select(c, 'pages', selected.pages ?? []);
    this.select(
      c,
      'instagramAccounts',
      (selected.instagram ?? []).map((x) => x.id),
    );
    this.select(
      c,
      'whatsappNumbers',
      (selected.whatsapp ?? []).map((x) => x.id),
    );
    this.assets.set(c.connectionId, {
      instagramAccounts: selected.instagram ?? [],
      whatsappNumbers: selected.whatsapp ?? [],
    });
  }
  async getAssets(_t: string, c: string) {
    return this.assets.get(c);
  }
}

/** Meta's side: what was sent with which token, what a read-back finds, and a scripted failure. */
export class FakeInboxGraph implements InboxGraph {
  readonly sent: Array<{ call: string; id: string; token: string; body: unknown }> = [];
  readonly thread: GraphThreadMessage[] = [];
  readonly posts = new Map<string, string[]>();
  readonly comments = new Map<string, GraphComment[]>();
  readonly templates = new Map<string, GraphTemplate[]>();
  readonly subscribed: string[] = [];
  failWith: Error | null = null;
  private n = 0;

  private record(call: string, id: string, token: string, body: unknown) {
    if (this.failWith) throw this.failWith;
    this.sent.push({ call, id, token, body });
    return `meta_${++this.n}`;
  }
  async sendMessenger(pageId: string, token: string, m: SendMessage) {
    return { messageId: this.record('sendMessenger', pageId, token, m) };
  }
  async sendInstagram(pageId: string, token: string, m: SendMessage) {
    return { messageId: this.record('sendInstagram', pageId, token, m) };
  }
  async threadMessages() {
    return this.thread;
  }
  async replyToComment(_p: 'facebook' | 'instagram', commentId: string, token: string, text: string) {
    return { id: this.record('replyToComment', commentId, token, text) };
  }
  async commentReplies() {
    return [];
  }
  async setCommentHidden(_p: 'facebook' | 'instagram', commentId: string, token: string, hidden: boolean) {
    this.record('setCommentHidden', commentId, token, hidden);
  }
  async deleteComment(commentId: string, token: string) {
    this.record('deleteComment', commentId, token, null);
  }
  async sendWhatsApp(phoneNumberId: string, token: string, m: WhatsAppSend, callbackData: string) {
    return { messageId: this.record('sendWhatsApp', phoneNumberId, token, { ...m, callbackData }) };
  }
  async listTemplates(wabaId: string) {
    if (this.failWith) throw this.failWith;
    return this.templates.get(wabaId) ?? [];
  }
  async subscribeWaba(wabaId: string) {
    if (this.failWith) throw this.failWith;
    this.subscribed.push(wabaId);
  }
  /** the token each asset's posts or media were listed with */
  readonly listedWith = new Map<string, string>();
  async recentPostIds(pageId: string, token: string) {
    if (this.failWith) throw this.failWith;
    this.listedWith.set(pageId, token);
    return this.posts.get(pageId) ?? [];
  }
  async postComments(postId: string, _token: string, since: Date) {
    return (this.comments.get(postId) ?? []).filter((c) => c.createdTime > since);
  }
  async recentMediaIds(igUserId: string, token: string) {
    if (this.failWith) throw this.failWith;
    this.listedWith.set(igUserId, token);
    return this.posts.get(igUserId) ?? [];
  }
  async mediaComments(mediaId: string) {
    return this.comments.get(mediaId) ?? [];
  }
}

/** Seals reversibly; opens only under the tenant and field (AAD) it sealed for, like the real cipher. */
export const fakeCipher: TextCipher = {
  encrypt: async (tenantId, plaintext, aad) =>
    `sealed:${Buffer.from(JSON.stringify([tenantId, aad, plaintext])).toString('base64url')}`,
  decrypt: async (tenantId, ciphertext, aad) => {
    const [t, a, p] = JSON.parse(Buffer.from(ciphertext.slice('sealed:'.length), 'base64url').toString()) as [
      string,
      string,
      string,
    ];
    if (t !== tenantId || a !== aad)
      throw new Error('field ciphertext does not open under this tenant and field');
    return p;
  },
};

/** Drafts and classifies from the conversation it is given; records what it saw. */
export class FakeAssistant implements ReplyAssistant {
  readonly name = 'fake-assistant';
  readonly inputs: Array<Parameters<ReplyAssistant['draftReply']>[0]> = [];
  async draftReply(input: Parameters<ReplyAssistant['draftReply']>[0]) {
    this.inputs.push(input);
    return { text: `Re: ${input.turns.at(-1)?.text ?? ''}` };
  }
  async classify(input: Parameters<ReplyAssistant['classify']>[0]) {
    this.inputs.push(input);
    return { label: 'lead' as const, confidence: 0.9 };
  }
}

export class FakeInboxMetricsStore {
  readonly rows: InboxDayRow[] = [];
  async putDays(rows: InboxDayRow[]) {
    for (const r of rows) {
      const i = this.rows.findIndex(
        (x) =>
          x.tenantId === r.tenantId &&
          x.date === r.date &&
          x.assetId === r.assetId &&
          x.channel === r.channel,
      );
      if (i >= 0) this.rows[i] = r;
      else this.rows.push(r);
    }
  }
  async query(tenantId: string, f: InboxMetricsFilter) {
    return this.rows.filter(
      (r) =>
        r.tenantId === tenantId &&
        r.date >= f.since &&
        r.date <= f.until &&
        (!f.assetId || r.assetId === f.assetId) &&
        (!f.channel || r.channel === f.channel),
    );
  }
}

export const PAGE = '108472639501827';
export const IG = '17841400000000001';
export const WA_NUMBER = '109283746501928';
export const WABA = '104857362910384';

export const activeConnection = (over: Partial<InboxConnection> = {}): InboxConnection => ({
  tenantId: 't1',
  connectionId: 'c1',
  status: 'active',
  features: ['inbox', 'whatsapp'],
  userTokenCiphertext: 'ct:user',
  ...over,
});

/** A clock a test can move. */
export class TestClock {
  constructor(public at: Date) {}
  now = () => this.at;
  advance(ms: number) {
    this.at = new Date(this.at.getTime() + ms);
  }
}

export function inboxFakes(now = new Date('2026-11-20T10:00:00Z')) {
  const inbox = new FakeInboxStore();
  const replies = new FakeReplyStore();
  const connections = new FakeConnections();
  const graph = new FakeInboxGraph();
  const assistant = new FakeAssistant();
  const clock = new TestClock(now);
  const events: DomainEvent[] = [];
  const commands: Array<{ detailType: string; detail: Record<string, unknown> }> = [];
  const audit: AuditEntry[] = [];
  const settings = new Map<string, unknown>();
  const watermarks = new Map<string, string>();
  const metrics = new RecordingMetrics();
  let n = 0;
  const deps: InboxDeps = {
    clock,
    ids: { next: (p = 'id') => `${p}_${String(++n).padStart(26, '0')}` },
    // the fake vault's plaintext names what it opened, so a test sees which token was used
    vault: { encrypt: async (p) => `ct:${p}`, decrypt: async (c) => `token(${c})` },
    events: { publish: async (e) => void events.push(...e) },
    commands: { send: async (detailType, detail) => void commands.push({ detailType, detail }) },
    audit: {
      record: async (e) => void audit.push(e),
      list: async () => ({ items: audit, nextCursor: null }),
    },
    settings: {
      get: async <T>(t: string, k: string) => settings.get(`${t}|${k}`) as T | undefined,
      put: async (t, k, v) => void settings.set(`${t}|${k}`, v),
    },
    connections,
    syncState: {
      getWatermark: async (_t, c, k) => watermarks.get(`${c}|${k}`),
      saveWatermark: async (_t, c, k, v) => void watermarks.set(`${c}|${k}`, v),
    },
    inbox,
    replies,
    cipher: fakeCipher,
    inboxGraph: graph,
    assistant,
    metrics,
  };
  return {
    deps,
    inbox,
    replies,
    connections,
    graph,
    assistant,
    clock,
    events,
    commands,
    audit,
    settings,
    watermarks,
    metrics,
  };
}

/** A Messenger message from a person to the Page, as the webhook splitter hands it to the worker. */
export function messengerMessage(mid: string, text: string, atMs: number, psid = '6543210987654321') {
  return {
    object: 'page',
    field: 'messages',
    entryId: PAGE,
    entryTimeMs: atMs,
    value: {
      sender: { id: psid },
      recipient: { id: PAGE },
      timestamp: atMs,
      message: { mid, text },
    },
  };
}

/** A person's comment on a Page post (a `feed` change). */
export function pageComment(
  commentId: string,
  text: string,
  createdSeconds: number,
  from = { id: '9', name: 'Ana' },
) {
  const post = `${PAGE}_122131676912594941`;
  return {
    object: 'page',
    field: 'feed',
    entryId: PAGE,
    entryTimeMs: createdSeconds * 1000,
    value: {
      item: 'comment',
      verb: 'add',
      from,
      post_id: post,
      comment_id: commentId,
      parent_id: post,
      message: text,
      created_time: createdSeconds,
    },
  };
}
