/**
 * Privacy: connections with their token status and expiry warnings, disconnect, exports and their
 * download, retention, the audit log with filters, and the status of deletion requests.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useInfiniteQuery, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi, useConnections } from '../api/api-context';
import { unwrap, type Schemas } from '../api/client';
import { Field } from '../components/field';
import { ProblemAlert } from '../components/problem';
import { Badge, ConfirmButton, Empty, Loading, PageHeader, Time } from '../components/ui';
import { featureLabel } from '../lib/features';
import { tokenWarning } from '../lib/token-status';

export function PrivacyPage() {
  return (
    <>
      <PageHeader title="Privacy" />
      <Connections />
      <Exports />
      <Retention />
      <DeletionRequests />
      <AuditLog />
    </>
  );
}

function Connections() {
  const api = useApi();
  const queries = useQueryClient();
  const connections = useConnections();
  const disconnect = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/connections/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['connections'] });
      void queries.invalidateQueries({ queryKey: ['audit'] });
    },
  });
  return (
    <section aria-labelledby="privacy-connections-heading">
      <h2 id="privacy-connections-heading">Connections and tokens</h2>
      <ProblemAlert error={connections.error ?? disconnect.error} />
      {connections.isPending ? <Loading what="connections" /> : null}
      {disconnect.data ? (
        <p className="alert alert-ok" role="status">
          Disconnected: Meta says “{disconnect.data.metaRevocation}”. Its data is being deleted (confirmation
          code <code>{disconnect.data.deletion.confirmationCode}</code>).
        </p>
      ) : null}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Meta account</th>
              <th scope="col">Status</th>
              <th scope="col">Token expires</th>
              <th scope="col">Data access expires</th>
              <th scope="col">Features</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {connections.data?.items.map((c) => {
              const warning = tokenWarning(c);
              return (
                <tr key={c.id}>
                  <td>{c.metaUser.name ?? c.metaUser.id}</td>
                  <td>
                    <Badge status={c.status} />
                    {warning ? (
                      <div className={`alert alert-${warning.tone} compact`}>{warning.text}</div>
                    ) : null}
                  </td>
                  <td>
                    <Time iso={c.tokenExpiresAt} />
                  </td>
                  <td>
                    <Time iso={c.dataAccessExpiresAt} />
                  </td>
                  <td>{c.features.map(featureLabel).join(', ')}</td>
                  <td>
                    {c.status !== 'revoked' ? (
                      <ConfirmButton
                        label="Disconnect"
                        confirmLabel={`Disconnect and delete ${c.metaUser.name ?? 'this account'}’s data`}
                        tone="danger"
                        disabled={disconnect.isPending}
                        onConfirm={() => disconnect.mutate(c.id)}
                      />
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Exports() {
  const api = useApi();
  const queries = useQueryClient();
  const recent = useQuery({
    queryKey: ['audit', 'export.requested'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/audit', { params: { query: { action: 'export.requested', limit: 5 } } })),
  });
  const ids = (recent.data?.items ?? [])
    .map((e) => e.target?.replace(/^export:/, ''))
    .filter((x): x is string => !!x);
  const exports = useQueries({
    queries: ids.map((id) => ({
      queryKey: ['export', id],
      queryFn: () => unwrap(api.GET('/api/v1/exports/{id}', { params: { path: { id } } })),
      refetchInterval: (q: { state: { data?: { status: string } } }) =>
        q.state.data?.status === 'pending' ? 1000 : false,
    })),
  });
  const start = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/exports')),
    onSuccess: () => void queries.invalidateQueries({ queryKey: ['audit'] }),
  });
  return (
    <section aria-labelledby="exports-heading">
      <h2 id="exports-heading">Export</h2>
      <p>
        Everything the service holds for this tenant from Meta, as JSON Lines (tokens are never exported).
        Links expire after an hour; files after 7 days.
      </p>
      <ProblemAlert error={start.error ?? recent.error} />
      <button type="button" className="primary" disabled={start.isPending} onClick={() => start.mutate()}>
        Export our data
      </button>
      <ul className="cards">
        {exports.map((q, i) =>
          q.data ? (
            <li key={ids[i]} className="card">
              <Badge status={q.data.status} /> Requested <Time iso={q.data.requestedAt} />
              {q.data.status === 'completed' ? (
                <>
                  {' '}
                  — {q.data.items} items, {q.data.bytes} bytes.{' '}
                  {q.data.downloadUrl ? (
                    <a href={q.data.downloadUrl} download>
                      Download the export
                    </a>
                  ) : null}
                </>
              ) : null}
            </li>
          ) : null,
        )}
      </ul>
    </section>
  );
}

function Retention() {
  const api = useApi();
  const retention = useQuery({
    queryKey: ['retention'],
    queryFn: () => unwrap(api.GET('/api/v1/settings/retention')),
  });
  const [draft, setDraft] = useState<Schemas['RetentionSettings'] | null>(null);
  useEffect(() => {
    if (retention.data) setDraft(retention.data);
  }, [retention.data]);
  const save = useMutation({
    mutationFn: (body: Schemas['RetentionSettings']) =>
      unwrap(api.PUT('/api/v1/settings/retention', { body })),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (draft) save.mutate(draft);
  };
  return (
    <section aria-labelledby="retention-heading">
      <h2 id="retention-heading">Retention</h2>
      <ProblemAlert error={retention.error} />
      {draft ? (
        <form onSubmit={submit} className="card grid-form">
          <ProblemAlert error={save.error} title="Retention was not changed" />
          <Field label="Messages and comments (days)" name="messagesDays" error={save.error}>
            {(p) => (
              <input
                {...p}
                type="number"
                value={draft.messagesDays}
                onChange={(e) => setDraft({ ...draft, messagesDays: Number(e.target.value) })}
              />
            )}
          </Field>
          <Field label="Leads (days)" name="leadsDays" error={save.error}>
            {(p) => (
              <input
                {...p}
                type="number"
                value={draft.leadsDays}
                onChange={(e) => setDraft({ ...draft, leadsDays: Number(e.target.value) })}
              />
            )}
          </Field>
          <label className="choice">
            <input
              type="checkbox"
              checked={draft.keepLeadsAfterDisconnect ?? false}
              onChange={(e) => setDraft({ ...draft, keepLeadsAfterDisconnect: e.target.checked })}
            />
            <span>Keep CRM leads after a disconnect or a deletion request</span>
          </label>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={save.isPending}>
              Save retention
            </button>
          </div>
          {save.isSuccess ? (
            <p className="alert alert-ok" role="status">
              Saved: applies to what is stored from now on.
            </p>
          ) : null}
        </form>
      ) : null}
    </section>
  );
}

function DeletionRequests() {
  const api = useApi();
  const entries = useQueries({
    queries: (['connection.disconnect', 'deletion.requested'] as const).map((action) => ({
      queryKey: ['audit', action],
      queryFn: () => unwrap(api.GET('/api/v1/audit', { params: { query: { action, limit: 20 } } })),
    })),
  });
  const codes = [
    ...new Set(
      entries
        .flatMap((q) => q.data?.items ?? [])
        .flatMap((e) => {
          const code = e.details?.confirmationCode;
          return typeof code === 'string' ? [code] : [];
        }),
    ),
  ];
  const statuses = useQueries({
    queries: codes.map((code) => ({
      queryKey: ['deletion', code],
      queryFn: () =>
        unwrap(
          api.GET('/api/v1/meta/data-deletion/{code}', {
            params: { path: { code } },
            headers: { accept: 'application/json' },
          }),
        ),
      refetchInterval: 5000,
    })),
  });
  return (
    <section aria-labelledby="deletions-heading">
      <h2 id="deletions-heading">Deletion requests</h2>
      {codes.length === 0 ? <Empty>No deletion has been requested.</Empty> : null}
      <ul className="cards">
        {statuses.map((q, i) => (
          <li key={codes[i]} className="card">
            <code>{codes[i]}</code>{' '}
            {q.data ? (
              <>
                <Badge status={q.data.status} /> requested <Time iso={q.data.requestedAt} />;{' '}
                {q.data.connectionsPurged} of {q.data.connections} connection(s) purged.
                {q.data.retained.length > 0 ? (
                  <p className="muted">Kept on purpose: {q.data.retained.join('; ')}</p>
                ) : null}
              </>
            ) : (
              <ProblemAlert error={q.error} />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function AuditLog() {
  const api = useApi();
  const [filters, setFilters] = useState({ action: '', target: '' });
  const [draft, setDraft] = useState(filters);
  const log = useInfiniteQuery({
    queryKey: ['audit', 'log', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/audit', {
          params: {
            query: {
              limit: 25,
              ...(pageParam ? { cursor: pageParam } : {}),
              ...(filters.action ? { action: filters.action } : {}),
              ...(filters.target ? { target: filters.target } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFilters(draft);
  };
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="audit-heading">
      <h2 id="audit-heading">Audit log</h2>
      <form className="filters" onSubmit={submit} aria-label="Filter the audit log">
        <Field
          label="Action"
          name="query.action"
          error={log.error}
          hint="e.g. post.approve, connection.disconnect"
        >
          {(p) => (
            <input
              {...p}
              value={draft.action}
              onChange={(e) => setDraft({ ...draft, action: e.target.value })}
            />
          )}
        </Field>
        <Field label="Target" name="query.target" error={log.error} hint="e.g. connection:con_…">
          {(p) => (
            <input
              {...p}
              value={draft.target}
              onChange={(e) => setDraft({ ...draft, target: e.target.value })}
            />
          )}
        </Field>
        <div className="form-actions">
          <button type="submit">Apply filters</button>
        </div>
      </form>
      <ProblemAlert error={log.error} />
      {log.data && items.length === 0 ? <Empty>No entry matches.</Empty> : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
                <th scope="col">Result</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id}>
                  <td>
                    <Time iso={e.at} />
                  </td>
                  <td>{e.actor}</td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td data-volatile="">{e.target ?? '—'}</td>
                  <td>
                    <Badge status={e.result} />
                    {e.reason ? <div className="muted">{e.reason}</div> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {log.hasNextPage ? (
        <button type="button" onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
          Load more
        </button>
      ) : null}
    </section>
  );
}
