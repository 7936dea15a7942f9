/**
 * The inbox: conversations by channel with unread state, the history, and a reply box (text, AI draft,
 * WhatsApp template). Replies and comment moderation wait for approval; Meta's reply window is shown.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi, useAssetDirectory } from '../api/api-context';
import { unwrap, type Schemas } from '../api/client';
import { Choices, Field } from '../components/field';
import { ProblemAlert } from '../components/problem';
import { Badge, ConfirmButton, Empty, Loading, PageHeader, Time } from '../components/ui';
import { explain } from '../lib/reasons';

type Channel = Schemas['Conversation']['channel'];
type Conversation = Schemas['Conversation'];
type Reply = Schemas['Reply'];

const CHANNELS: Array<[Channel | '', string]> = [
  ['', 'All'],
  ['messenger', 'Messenger'],
  ['instagram_dm', 'Instagram DMs'],
  ['whatsapp', 'WhatsApp'],
  ['facebook_comment', 'Facebook comments'],
  ['instagram_comment', 'Instagram comments'],
];
const channelLabel = (c: string) => CHANNELS.find(([k]) => k === c)?.[1] ?? c;

export function InboxPage() {
  const { id } = useParams();
  const api = useApi();
  const [params, setParams] = useSearchParams();
  const channel = (params.get('channel') ?? '') as Channel | '';
  const unreadOnly = params.get('unread') === 'true';
  const list = useQuery({
    queryKey: ['conversations', channel, unreadOnly],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/conversations', {
          params: {
            query: { limit: 100, ...(channel ? { channel } : {}), ...(unreadOnly ? { unread: 'true' } : {}) },
          },
        }),
      ),
    refetchInterval: 3000,
  });
  const setFilter = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next);
  };
  return (
    <>
      <PageHeader title="Inbox" />
      <div className={`inbox ${id ? 'inbox-has-detail' : ''}`}>
        <section aria-labelledby="conversations-heading" className="inbox-list">
          <h2 id="conversations-heading" className="visually-hidden">
            Conversations
          </h2>
          <div className="tabs" role="group" aria-label="Channel">
            {CHANNELS.map(([k, label]) => (
              <button
                key={k}
                type="button"
                aria-pressed={channel === k}
                onClick={() => setFilter('channel', k)}
              >
                {label}
              </button>
            ))}
          </div>
          <label className="choice">
            <input
              type="checkbox"
              checked={unreadOnly}
              onChange={(e) => setFilter('unread', e.target.checked ? 'true' : '')}
            />
            <span>Unread only</span>
          </label>
          <ProblemAlert error={list.error} />
          {list.isPending ? <Loading what="conversations" /> : null}
          {list.data && list.data.items.length === 0 ? <Empty>No conversation here.</Empty> : null}
          <ul className="conversation-list">
            {list.data?.items.map((c) => (
              <li key={c.id} className={c.id === id ? 'current' : ''}>
                <Link
                  to={`/inbox/${c.id}${params.size > 0 ? `?${params}` : ''}`}
                  aria-current={c.id === id ? 'page' : undefined}
                >
                  <span className="conversation-who">
                    {c.unread ? <span className="unread-dot" aria-label="unread" /> : null}
                    <strong>{c.contact?.name ?? c.contact?.id ?? 'Comment thread'}</strong>
                    <span className="muted"> · {channelLabel(c.channel)}</span>
                  </span>
                  <span className="conversation-last">
                    {c.lastMessage?.direction === 'outbound' ? 'You: ' : ''}
                    {c.lastMessage?.text ?? ''}
                  </span>
                  <Time iso={c.lastMessageAt} mode="relative" />
                </Link>
              </li>
            ))}
          </ul>
        </section>
        {id ? <ConversationView id={id} /> : <p className="inbox-detail muted">Choose a conversation.</p>}
      </div>
    </>
  );
}

function ReplyWindow({ c }: { c: Conversation }) {
  const w = c.replyWindow;
  if (c.channel === 'facebook_comment' || c.channel === 'instagram_comment')
    return <p className="window window-open">Comments can be answered at any time.</p>;
  if (w.open && w.freeReplyUntil)
    return (
      <p className="window window-open" role="status">
        Reply window open until <Time iso={w.freeReplyUntil} /> (
        <Time iso={w.freeReplyUntil} mode="relative" />
        ).
      </p>
    );
  if (w.humanAgentUntil && Date.parse(w.humanAgentUntil) > Date.now())
    return (
      <p className="window window-limited" role="status">
        The 24-hour window is closed. A person’s reply tagged HUMAN_AGENT is allowed until{' '}
        <Time iso={w.humanAgentUntil} />.
      </p>
    );
  return (
    <p className="window window-closed" role="status">
      {c.channel === 'whatsapp'
        ? 'The 24-hour customer-service window is closed: only an approved template can be sent.'
        : 'The reply window is closed: Meta allows no reply until the person writes again.'}
    </p>
  );
}

function ConversationView({ id }: { id: string }) {
  const api = useApi();
  const assets = useAssetDirectory();
  const queries = useQueryClient();
  const detail = useQuery({
    queryKey: ['conversation', id],
    queryFn: () => unwrap(api.GET('/api/v1/conversations/{id}', { params: { path: { id } } })),
    refetchInterval: 3000,
  });
  const patch = useMutation({
    mutationFn: (body: Schemas['ConversationPatch']) =>
      unwrap(api.PATCH('/api/v1/conversations/{id}', { params: { path: { id } }, body })),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['conversation', id] });
      void queries.invalidateQueries({ queryKey: ['conversations'] });
    },
  });
  const unread = detail.data?.unread;
  useEffect(() => {
    // opening an unread conversation reads it
    if (unread) patch.mutate({ read: true });
  }, [id, unread]);
  const c = detail.data;
  const messages = [...(c?.messages ?? [])].sort((a, b) => (a.sentAt ?? '').localeCompare(b.sentAt ?? ''));
  const moderation = (type: 'hide' | 'unhide' | 'delete', messageId: string) =>
    unwrap(
      api.POST('/api/v1/conversations/{id}/replies', { params: { path: { id } }, body: { type, messageId } }),
    ).then(() => queries.invalidateQueries({ queryKey: ['conversation', id] }));
  const comments = c?.channel === 'facebook_comment' || c?.channel === 'instagram_comment';
  return (
    <section className="inbox-detail" aria-labelledby="conversation-heading">
      <p className="inbox-back">
        <Link to="/inbox">Back to conversations</Link>
      </p>
      {detail.isPending ? <Loading what="the conversation" /> : null}
      <ProblemAlert error={detail.error} />
      {c ? (
        <>
          <div className="card-head">
            <h2 id="conversation-heading">
              {c.contact?.name ?? c.contact?.id ?? 'Comment thread'}{' '}
              <span className="muted">
                · {channelLabel(c.channel)} · {assets.name(c.assetId)}
              </span>
            </h2>
            <Badge status={c.status} />
          </div>
          <div className="form-actions">
            <button
              type="button"
              onClick={() => patch.mutate({ status: c.status === 'open' ? 'closed' : 'open' })}
            >
              {c.status === 'open' ? 'Close conversation' : 'Reopen conversation'}
            </button>
            {c.classification ? <span className="muted">Classified as {c.classification.label}</span> : null}
          </div>
          <ProblemAlert error={patch.error} />
          <ReplyWindow c={c} />
          <ol className="messages" aria-label="Messages">
            {messages.map((m) => (
              <li key={m.id} className={`message message-${m.direction}${m.hidden ? ' message-hidden' : ''}`}>
                <div className="message-text">
                  {m.deleted ? (
                    <em>Removed</em>
                  ) : (
                    (m.text ?? <em>{m.attachments.map((a) => a.type).join(', ') || '(no text)'}</em>)
                  )}
                </div>
                <div className="message-meta">
                  <Time iso={m.sentAt} />
                  {m.status && m.direction === 'outbound' ? <> · {m.status}</> : null}
                  {m.hidden ? ' · hidden' : ''}
                  {m.edited ? ' · edited' : ''}
                  {m.error ? <span className="field-error"> {m.error}</span> : null}
                </div>
                {comments && m.direction === 'inbound' && !m.deleted ? (
                  <div className="message-actions">
                    <button
                      type="button"
                      className="link"
                      onClick={() => void moderation(m.hidden ? 'unhide' : 'hide', m.id)}
                    >
                      {m.hidden ? 'Unhide' : 'Hide'}
                    </button>
                    <ConfirmButton
                      label="Delete"
                      confirmLabel="Delete this comment"
                      onConfirm={() => void moderation('delete', m.id)}
                    />
                  </div>
                ) : null}
              </li>
            ))}
          </ol>
          <Replies replies={c.replies} conversationId={id} />
          <ReplyBox conversation={c} />
        </>
      ) : null}
    </section>
  );
}

function Replies({ replies, conversationId }: { replies: Reply[]; conversationId: string }) {
  const api = useApi();
  const queries = useQueryClient();
  const act = useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'approve' | 'reject' }) =>
      unwrap(
        action === 'approve'
          ? api.POST('/api/v1/replies/{id}/approve', { params: { path: { id } } })
          : api.POST('/api/v1/replies/{id}/reject', { params: { path: { id } } }),
      ),
    onSuccess: () => void queries.invalidateQueries({ queryKey: ['conversation', conversationId] }),
  });
  if (replies.length === 0) return null;
  return (
    <section aria-labelledby="replies-heading">
      <h3 id="replies-heading">Replies</h3>
      <ProblemAlert error={act.error} title="The reply was not approved" />
      <ul className="cards">
        {[...replies].reverse().map((r) => (
          <li key={r.id} className="card reply" aria-label={`Reply ${r.status}`}>
            <div className="card-head">
              <span>
                {r.type === 'template'
                  ? `Template ${r.template?.name}`
                  : r.type === 'text'
                    ? r.source === 'ai'
                      ? 'AI draft'
                      : 'Reply'
                    : `${r.type} comment`}
                {r.tag ? <span className="muted"> · {r.tag}</span> : null}
              </span>
              <Badge status={r.status} />
            </div>
            {r.text ? <p className="preview-text">{r.text}</p> : null}
            {r.template ? <p>Parameters: {r.template.parameters.join(', ') || 'none'}</p> : null}
            {r.statusReason ? <p className="muted">{explain(r.statusReason)}</p> : null}
            {r.status === 'draft' ? (
              <div className="form-actions">
                <button
                  type="button"
                  className="primary"
                  disabled={act.isPending}
                  onClick={() => act.mutate({ id: r.id, action: 'approve' })}
                >
                  Approve and send
                </button>
                <button
                  type="button"
                  disabled={act.isPending}
                  onClick={() => act.mutate({ id: r.id, action: 'reject' })}
                >
                  Reject
                </button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ReplyBox({ conversation: c }: { conversation: Conversation }) {
  const api = useApi();
  const queries = useQueryClient();
  const whatsapp = c.channel === 'whatsapp';
  const messaging = c.channel === 'messenger' || c.channel === 'instagram_dm';
  const [mode, setMode] = useState<'text' | 'ai_draft' | 'template'>('text');
  const [text, setText] = useState('');
  const [humanAgent, setHumanAgent] = useState(false);
  const [template, setTemplate] = useState('');
  const [parameters, setParameters] = useState<string[]>([]);
  const templates = useQuery({
    queryKey: ['whatsapp-templates'],
    enabled: whatsapp,
    queryFn: () => unwrap(api.GET('/api/v1/whatsapp/templates')),
  });
  const chosen = templates.data?.items.find((t) => `${t.name}|${t.language}` === template);
  const send = useMutation({
    mutationFn: () => {
      const tag = messaging && humanAgent ? { tag: 'HUMAN_AGENT' as const } : {};
      const body: Schemas['ReplyRequest'] =
        mode === 'text'
          ? { type: 'text', text, ...tag }
          : mode === 'ai_draft'
            ? { type: 'ai_draft', ...tag }
            : {
                type: 'template',
                template: { name: chosen?.name ?? '', language: chosen?.language ?? '', parameters },
              };
      return unwrap(api.POST('/api/v1/conversations/{id}/replies', { params: { path: { id: c.id } }, body }));
    },
    onSuccess: () => {
      setText('');
      void queries.invalidateQueries({ queryKey: ['conversation', c.id] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send.mutate();
  };
  return (
    <form className="card reply-box" onSubmit={submit} aria-labelledby="reply-heading">
      <h3 id="reply-heading">Reply</h3>
      <ProblemAlert error={send.error} title="The reply was refused" />
      <Choices legend="Kind of reply">
        <label className="choice">
          <input type="radio" name="mode" checked={mode === 'text'} onChange={() => setMode('text')} />
          <span>Write a reply</span>
        </label>
        <label className="choice">
          <input
            type="radio"
            name="mode"
            checked={mode === 'ai_draft'}
            onChange={() => setMode('ai_draft')}
          />
          <span>AI draft (a person approves it)</span>
        </label>
        {whatsapp ? (
          <label className="choice">
            <input
              type="radio"
              name="mode"
              checked={mode === 'template'}
              onChange={() => setMode('template')}
            />
            <span>WhatsApp template</span>
          </label>
        ) : null}
      </Choices>
      {mode === 'text' ? (
        <Field label="Reply text" name="text" error={send.error}>
          {(p) => (
            <textarea {...p} rows={3} value={text} onChange={(e) => setText(e.target.value)} required />
          )}
        </Field>
      ) : null}
      {mode === 'template' ? (
        <>
          <ProblemAlert error={templates.error} />
          <Field label="Template" name="template" error={send.error}>
            {(p) => (
              <select
                {...p}
                value={template}
                onChange={(e) => {
                  setTemplate(e.target.value);
                  const t = templates.data?.items.find((x) => `${x.name}|${x.language}` === e.target.value);
                  setParameters(Array.from({ length: t?.parameterCount ?? 0 }, () => ''));
                }}
              >
                <option value="">Choose a template</option>
                {templates.data?.items.map((t) => (
                  <option key={`${t.name}|${t.language}`} value={`${t.name}|${t.language}`}>
                    {t.name} ({t.language}, {t.status.toLowerCase()})
                  </option>
                ))}
              </select>
            )}
          </Field>
          {parameters.map((v, i) => (
            <Field
              key={i}
              label={`Parameter {{${i + 1}}}`}
              name={`template.parameters.${i}`}
              error={send.error}
            >
              {(p) => (
                <input
                  {...p}
                  value={v}
                  onChange={(e) => setParameters(parameters.map((x, j) => (j === i ? e.target.value : x)))}
                />
              )}
            </Field>
          ))}
        </>
      ) : null}
      {messaging && mode !== 'template' ? (
        <label className="choice">
          <input type="checkbox" checked={humanAgent} onChange={(e) => setHumanAgent(e.target.checked)} />
          <span>Tag HUMAN_AGENT (a person’s reply, up to 7 days after the last message)</span>
        </label>
      ) : null}
      <button type="submit" className="primary" disabled={send.isPending}>
        {mode === 'ai_draft' ? 'Draft with AI' : 'Save reply for approval'}
      </button>
      {send.data ? (
        <p className="alert alert-ok" role="status">
          {send.data.status === 'draft' ? 'Waiting for approval. ' : ''}
          {explain(send.data.approvalReason)} {explain(send.data.sendReason)}
        </p>
      ) : null}
    </form>
  );
}
