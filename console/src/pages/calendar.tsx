/**
 * The publishing calendar: drafts for Pages and Instagram with a preview and the API's validation
 * messages, the approval queue showing exactly what will be sent, and outcomes with permalinks or the
 * reason a target failed.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi, useAssetDirectory, type AssetDirectory } from '../api/api-context';
import { unwrap, type Schemas } from '../api/client';
import { Choices, Field } from '../components/field';
import { ProblemAlert } from '../components/problem';
import { Badge, Empty, Loading, PageHeader, Time } from '../components/ui';
import { explain } from '../lib/reasons';

type Post = Schemas['Post'];
type Target = { type: 'facebook_page' | 'instagram_account'; id: string };
type Media = { type: 'image' | 'video'; url: string };

const QUEUE = ['draft'];
const UPCOMING = ['approved', 'scheduled', 'publishing'];
const DONE = ['published', 'partially_published', 'failed', 'rejected'];

export function CalendarPage() {
  const api = useApi();
  const assets = useAssetDirectory();
  const posts = useQuery({
    queryKey: ['posts'],
    queryFn: () => unwrap(api.GET('/api/v1/posts', { params: { query: { limit: 200 } } })),
    refetchInterval: 3000,
  });
  const items = posts.data?.items ?? [];
  const by = (statuses: string[]) => items.filter((p) => statuses.includes(p.status));
  return (
    <>
      <PageHeader title="Calendar" />
      <DraftForm assets={assets} />
      <ProblemAlert error={posts.error} />
      {posts.isPending ? <Loading what="posts" /> : null}
      <section aria-labelledby="queue-heading">
        <h2 id="queue-heading">Waiting for approval ({by(QUEUE).length})</h2>
        {posts.data && by(QUEUE).length === 0 ? <Empty>Nothing waits for approval.</Empty> : null}
        <ul className="cards">
          {by(QUEUE).map((p) => (
            <ApprovalCard key={p.id} post={p} assets={assets} />
          ))}
        </ul>
      </section>
      <section aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">Scheduled and publishing</h2>
        {posts.data && by(UPCOMING).length === 0 ? <Empty>Nothing scheduled.</Empty> : null}
        <ul className="cards">
          {by(UPCOMING)
            .sort((a, b) => (a.scheduledAt ?? '').localeCompare(b.scheduledAt ?? ''))
            .map((p) => (
              <OutcomeCard key={p.id} post={p} assets={assets} />
            ))}
        </ul>
      </section>
      <section aria-labelledby="done-heading">
        <h2 id="done-heading">Outcomes</h2>
        {posts.data && by(DONE).length === 0 ? <Empty>No post has been published yet.</Empty> : null}
        <ul className="cards">
          {by(DONE).map((p) => (
            <OutcomeCard key={p.id} post={p} assets={assets} />
          ))}
        </ul>
      </section>
    </>
  );
}

function DraftForm({ assets }: { assets: AssetDirectory }) {
  const api = useApi();
  const queries = useQueryClient();
  const [targets, setTargets] = useState<Target[]>([]);
  const [message, setMessage] = useState('');
  const [link, setLink] = useState('');
  const [media, setMedia] = useState<Media[]>([]);
  const [when, setWhen] = useState('');
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/posts', {
          body: {
            message,
            targets,
            ...(link ? { link } : {}),
            ...(media.length > 0 ? { media } : {}),
            ...(when ? { scheduledAt: new Date(when).toISOString() } : {}),
          },
        }),
      ),
    onSuccess: () => {
      setMessage('');
      setLink('');
      setMedia([]);
      setWhen('');
      void queries.invalidateQueries({ queryKey: ['posts'] });
    },
  });
  const pages = assets.pages.filter((p) => p.selected);
  const igs = assets.instagramAccounts.filter((a) => a.selected);
  const toggle = (t: Target, on: boolean) =>
    setTargets((cur) => (on ? [...cur, t] : cur.filter((x) => !(x.id === t.id && x.type === t.type))));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <section aria-labelledby="draft-heading" className="card">
      <h2 id="draft-heading">New post</h2>
      <div className="two-col">
        <form onSubmit={submit}>
          <ProblemAlert error={create.error} title="The draft was refused" />
          <Choices legend="Publish to" name="targets" error={create.error}>
            {pages.length + igs.length === 0 ? (
              <p className="muted">Select Pages or Instagram accounts on a connection first.</p>
            ) : null}
            {pages.map((p) => (
              <label key={p.id} className="choice">
                <input
                  type="checkbox"
                  onChange={(e) => toggle({ type: 'facebook_page', id: p.id }, e.target.checked)}
                  checked={targets.some((t) => t.id === p.id)}
                />
                <span>Facebook Page: {p.name}</span>
              </label>
            ))}
            {igs.map((a) => (
              <label key={a.id} className="choice">
                <input
                  type="checkbox"
                  onChange={(e) => toggle({ type: 'instagram_account', id: a.id }, e.target.checked)}
                  checked={targets.some((t) => t.id === a.id)}
                />
                <span>Instagram: {a.username ? `@${a.username}` : a.name}</span>
              </label>
            ))}
          </Choices>
          <Field label="Text" name="message" error={create.error} hint={`${message.length} characters`}>
            {(p) => <textarea {...p} rows={4} value={message} onChange={(e) => setMessage(e.target.value)} />}
          </Field>
          <Field label="Link (Facebook)" name="link" error={create.error}>
            {(p) => (
              <input
                {...p}
                type="url"
                value={link}
                placeholder="https://"
                onChange={(e) => setLink(e.target.value)}
              />
            )}
          </Field>
          <Choices legend="Media" name="media" error={create.error}>
            {media.map((m, i) => (
              <div className="row" key={i}>
                <Field label={`Media ${i + 1} type`}>
                  {(p) => (
                    <select
                      {...p}
                      value={m.type}
                      onChange={(e) =>
                        setMedia(
                          media.map((x, j) =>
                            j === i ? { ...x, type: e.target.value as Media['type'] } : x,
                          ),
                        )
                      }
                    >
                      <option value="image">Image</option>
                      <option value="video">Video (reel)</option>
                    </select>
                  )}
                </Field>
                <Field label={`Media ${i + 1} URL`} name={`media.${i}`} error={create.error}>
                  {(p) => (
                    <input
                      {...p}
                      type="url"
                      value={m.url}
                      placeholder="https://"
                      onChange={(e) =>
                        setMedia(media.map((x, j) => (j === i ? { ...x, url: e.target.value } : x)))
                      }
                    />
                  )}
                </Field>
                <button
                  type="button"
                  className="link"
                  onClick={() => setMedia(media.filter((_, j) => j !== i))}
                >
                  Remove media {i + 1}
                </button>
              </div>
            ))}
            <button type="button" onClick={() => setMedia([...media, { type: 'image', url: '' }])}>
              Add media
            </button>
          </Choices>
          <Field
            label="Publish at"
            name="scheduledAt"
            error={create.error}
            hint="Empty: as soon as it is approved."
          >
            {(p) => (
              <input {...p} type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} />
            )}
          </Field>
          <button type="submit" className="primary" disabled={create.isPending}>
            Save draft
          </button>
          {create.data ? (
            <p className="alert alert-ok" role="status">
              Draft saved. {explain(create.data.approvalReason)}
            </p>
          ) : null}
        </form>
        <div aria-label="Preview" role="region">
          <h3>Preview</h3>
          {targets.length === 0 ? <p className="muted">Choose where to publish to see a preview.</p> : null}
          {targets.map((t) => (
            <PostPreview
              key={`${t.type}${t.id}`}
              target={t}
              message={message}
              link={link}
              media={media}
              assets={assets}
            />
          ))}
        </div>
      </div>
    </section>
  );
}

function PostPreview(props: {
  target: Target;
  message: string;
  link: string | null;
  media: Media[];
  assets: AssetDirectory;
}) {
  const { target, message, link, media, assets } = props;
  const ig = target.type === 'instagram_account';
  const account = ig ? assets.instagramAccounts.find((a) => a.id === target.id) : null;
  const who = ig ? `@${account?.username ?? assets.name(target.id)}` : assets.name(target.id);
  const first = media[0];
  return (
    <article
      className={`preview ${ig ? 'preview-ig' : 'preview-fb'}`}
      aria-label={`${ig ? 'Instagram' : 'Facebook'} preview for ${who}`}
    >
      <header>
        <strong>{who}</strong> <span className="muted">{ig ? 'Instagram' : 'Facebook'}</span>
      </header>
      {!ig && message ? <p className="preview-text">{message}</p> : null}
      {first?.url ? (
        first.type === 'image' ? (
          <img src={first.url} alt="" className="preview-media" />
        ) : (
          <div className="preview-media preview-video">Video</div>
        )
      ) : ig ? (
        <div className="preview-media preview-missing">Instagram needs an image or a video</div>
      ) : null}
      {media.length > 1 ? <p className="muted">Carousel of {media.length}</p> : null}
      {!ig && link ? <p className="preview-link">{link}</p> : null}
      {ig && message ? (
        <p className="preview-text">
          <strong>{who}</strong> {message}
        </p>
      ) : null}
    </article>
  );
}

function ApprovalCard({ post, assets }: { post: Post; assets: AssetDirectory }) {
  const api = useApi();
  const queries = useQueryClient();
  const act = useMutation({
    mutationFn: (action: 'approve' | 'reject') =>
      unwrap(
        action === 'approve'
          ? api.POST('/api/v1/posts/{id}/approve', { params: { path: { id: post.id } } })
          : api.POST('/api/v1/posts/{id}/reject', { params: { path: { id: post.id } } }),
      ),
    onSuccess: () => void queries.invalidateQueries({ queryKey: ['posts'] }),
  });
  const payload = {
    message: post.message,
    link: post.link,
    media: post.media,
    targets: post.targets.map(({ type, id }) => ({ type, id })),
    scheduledAt: post.scheduledAt,
  };
  return (
    <li className="card" aria-label={`Post waiting for approval: ${post.message.slice(0, 40)}`}>
      <div className="card-head">
        <h3>{post.targets.map((t) => assets.name(t.id)).join(', ')}</h3>
        <Badge status={post.status} />
      </div>
      <p className="muted">
        By {post.createdBy},{' '}
        {post.scheduledAt ? (
          <>
            for <Time iso={post.scheduledAt} />
          </>
        ) : (
          'as soon as approved'
        )}
      </p>
      <h4>What will be sent</h4>
      <p className="preview-text">{post.message || <span className="muted">(no text)</span>}</p>
      {post.link ? <p>Link: {post.link}</p> : null}
      {post.media.length > 0 ? (
        <ul>
          {post.media.map((m, i) => (
            <li key={i}>
              {m.type}: {m.url}
            </li>
          ))}
        </ul>
      ) : null}
      <details>
        <summary>The approved payload</summary>
        <pre className="payload">{JSON.stringify(payload, null, 2)}</pre>
      </details>
      <p className="muted">Approving covers exactly this content: an edit sends it back to draft.</p>
      <ProblemAlert error={act.error} />
      <div className="form-actions">
        <button
          type="button"
          className="primary"
          disabled={act.isPending}
          onClick={() => act.mutate('approve')}
        >
          Approve
        </button>
        <button type="button" disabled={act.isPending} onClick={() => act.mutate('reject')}>
          Reject
        </button>
      </div>
    </li>
  );
}

function OutcomeCard({ post, assets }: { post: Post; assets: AssetDirectory }) {
  return (
    <li className="card" aria-label={`Post ${post.status}: ${post.message.slice(0, 40)}`}>
      <div className="card-head">
        <h3>{post.message.slice(0, 80) || '(no text)'}</h3>
        <Badge status={post.status} />
      </div>
      <p className="muted">
        {post.scheduledAt ? (
          <>
            Scheduled for <Time iso={post.scheduledAt} />.{' '}
          </>
        ) : null}
        {post.approval ? (
          <>Approved by {post.approval.ruleId ? `rule ${post.approval.ruleId}` : post.approval.by}.</>
        ) : null}
      </p>
      <ul className="targets">
        {post.targets.map((t) => (
          <li key={`${t.type}${t.id}`}>
            <Badge status={t.status} /> {t.type === 'instagram_account' ? 'Instagram' : 'Facebook'}{' '}
            {assets.name(t.id)}
            {t.permalink ? (
              <>
                {' '}
                —{' '}
                <a href={t.permalink} target="_blank" rel="noreferrer">
                  View on {t.type === 'instagram_account' ? 'Instagram' : 'Facebook'}
                </a>
              </>
            ) : null}
            {t.status === 'failed' ? (
              <p className="field-error">
                {t.error ?? explain(t.failureReason)}{' '}
                {t.failureReason ? <code>{t.failureReason}</code> : null}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </li>
  );
}
