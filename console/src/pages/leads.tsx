/** Leads, newest first, with where each came from (campaign, ad, form) and filters. */
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useApi, useAssetDirectory } from '../api/api-context';
import { unwrap, type Schemas } from '../api/client';
import { Field } from '../components/field';
import { ProblemAlert } from '../components/problem';
import { Badge, Empty, Loading, PageHeader, Time } from '../components/ui';

const FILTERS = ['formId', 'pageId', 'status', 'since', 'until'] as const;
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;

export const leadName = (l: Schemas['Lead']): string =>
  l.fields.fullName ??
  ([l.fields.firstName, l.fields.lastName].filter(Boolean).join(' ') || l.fields.email || l.leadgenId);

export function LeadsPage() {
  const api = useApi();
  const assets = useAssetDirectory();
  const [params, setParams] = useSearchParams();
  const filters: Filters = Object.fromEntries(
    FILTERS.flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : [])),
  );
  const [draft, setDraft] = useState<Filters>(filters);
  const leads = useInfiniteQuery({
    queryKey: ['leads', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/leads', {
          params: {
            query: {
              limit: 50,
              ...(pageParam ? { cursor: pageParam } : {}),
              ...filters,
              // the date inputs give a day; the API wants an instant
              ...(filters.since ? { since: `${filters.since}T00:00:00Z` } : {}),
              ...(filters.until ? { until: `${filters.until}T23:59:59Z` } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 5000,
  });
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setParams(Object.fromEntries(Object.entries(draft).filter(([, v]) => v)) as Record<string, string>);
  };
  const items = leads.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader title="Leads">
        <Link to="/leads/mapping">Field mapping</Link>
      </PageHeader>
      {params.get('erased') ? (
        <p className="alert alert-ok" role="status">
          The lead was erased; your CRM is told to delete its copy.
        </p>
      ) : null}
      <form className="filters" onSubmit={apply} aria-label="Filter leads">
        <Field label="Form">
          {(p) => (
            <select
              {...p}
              value={draft.formId ?? ''}
              onChange={(e) => setDraft({ ...draft, formId: e.target.value })}
            >
              <option value="">All forms</option>
              {assets.leadForms.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Page">
          {(p) => (
            <select
              {...p}
              value={draft.pageId ?? ''}
              onChange={(e) => setDraft({ ...draft, pageId: e.target.value })}
            >
              <option value="">All Pages</option>
              {assets.pages.map((pg) => (
                <option key={pg.id} value={pg.id}>
                  {pg.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Status">
          {(p) => (
            <input
              {...p}
              value={draft.status ?? ''}
              placeholder="e.g. new"
              onChange={(e) => setDraft({ ...draft, status: e.target.value })}
            />
          )}
        </Field>
        <Field label="From">
          {(p) => (
            <input
              {...p}
              type="date"
              value={draft.since ?? ''}
              onChange={(e) => setDraft({ ...draft, since: e.target.value })}
            />
          )}
        </Field>
        <Field label="To">
          {(p) => (
            <input
              {...p}
              type="date"
              value={draft.until ?? ''}
              onChange={(e) => setDraft({ ...draft, until: e.target.value })}
            />
          )}
        </Field>
        <div className="form-actions">
          <button type="submit">Apply filters</button>
          <button
            type="button"
            className="link"
            onClick={() => {
              setDraft({});
              setParams({});
            }}
          >
            Clear
          </button>
        </div>
      </form>
      <ProblemAlert error={leads.error} />
      {leads.isPending ? <Loading what="leads" /> : null}
      {leads.data && items.length === 0 ? (
        <Empty>No lead matches. New leads appear here within seconds.</Empty>
      ) : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="leads-table">
            <caption className="visually-hidden">Leads, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Lead</th>
                <th scope="col">Form</th>
                <th scope="col">Campaign / ad</th>
                <th scope="col">Status</th>
                <th scope="col">Received</th>
              </tr>
            </thead>
            <tbody>
              {items.map((l) => (
                <tr key={l.id}>
                  <td>
                    <Link to={`/leads/${l.id}`}>{leadName(l)}</Link>
                    {l.fields.email ? <div className="muted">{l.fields.email}</div> : null}
                  </td>
                  <td>{assets.name(l.formId)}</td>
                  <td>
                    {l.attribution.isOrganic ? (
                      <span className="muted">Organic</span>
                    ) : (
                      <>
                        {l.attribution.campaignName ?? l.attribution.campaignId ?? '—'}
                        <div className="muted">{l.attribution.adName ?? l.attribution.adId ?? ''}</div>
                      </>
                    )}
                  </td>
                  <td>
                    <Badge status={l.status} />
                  </td>
                  <td>
                    <Time iso={l.receivedAt} mode="relative" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {leads.hasNextPage ? (
        <button type="button" onClick={() => void leads.fetchNextPage()} disabled={leads.isFetchingNextPage}>
          Load more
        </button>
      ) : null}
    </>
  );
}
