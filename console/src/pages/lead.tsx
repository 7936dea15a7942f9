/** One lead: every answer, where it came from, and its status (mapped stages feed Meta's Conversions API). */
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi, useAssetDirectory } from '../api/api-context';
import { unwrap } from '../api/client';
import { Field } from '../components/field';
import { ProblemAlert } from '../components/problem';
import { Badge, ConfirmButton, Loading, PageHeader, Time } from '../components/ui';
import { leadName } from './leads';

const COMMON_STATUSES = ['new', 'contacted', 'qualified', 'won', 'lost'];

const FEEDBACK: Record<string, string> = {
  queued: 'Meta will be told through the Conversions API.',
  no_mapping_configured: 'Meta is not told: no lead status mapping is set (Settings).',
  status_not_mapped: 'Meta is not told: this status is not mapped to a Meta stage (Settings).',
};

export function LeadPage() {
  const { id = '' } = useParams();
  const api = useApi();
  const assets = useAssetDirectory();
  const queries = useQueryClient();
  const lead = useQuery({
    queryKey: ['lead', id],
    queryFn: () => unwrap(api.GET('/api/v1/leads/{id}', { params: { path: { id } } })),
  });
  const mapping = useQuery({
    queryKey: ['lead-status-mapping'],
    queryFn: () => unwrap(api.GET('/api/v1/settings/lead-status-mapping')),
  });
  const [status, setStatus] = useState('');
  const change = useMutation({
    mutationFn: (to: string) =>
      unwrap(api.PATCH('/api/v1/leads/{id}', { params: { path: { id } }, body: { status: to } })),
    onSuccess: (updated) => {
      queries.setQueryData(['lead', id], updated);
      void queries.invalidateQueries({ queryKey: ['leads'] });
    },
  });
  const navigate = useNavigate();
  const erase = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/leads/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['leads'] });
      void navigate('/leads?erased=1');
    },
  });
  const statuses = [...new Set([...COMMON_STATUSES, ...Object.keys(mapping.data?.stages ?? {})])];
  const l = lead.data;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (status) change.mutate(status);
  };
  return (
    <>
      <PageHeader title={l ? leadName(l) : 'Lead'}>
        <Link to="/leads">All leads</Link>
      </PageHeader>
      {lead.isPending ? <Loading what="the lead" /> : null}
      <ProblemAlert error={lead.error} />
      {l ? (
        <div className="two-col">
          <section aria-labelledby="answers-heading" className="card">
            <h2 id="answers-heading">Answers</h2>
            <dl className="kv">
              {Object.entries(l.fields).map(([k, v]) => (
                <div key={k}>
                  <dt>{k}</dt>
                  <dd>{v}</dd>
                </div>
              ))}
              {Object.entries(l.customFields).map(([k, v]) => (
                <div key={k}>
                  <dt>
                    {k} <span className="muted">(unmapped)</span>
                  </dt>
                  <dd>{v}</dd>
                </div>
              ))}
            </dl>
            <p>
              <Link to={`/leads/mapping?formId=${l.formId}`}>Edit the field mapping of this form</Link>
            </p>
          </section>
          <section aria-labelledby="source-heading" className="card">
            <h2 id="source-heading">Source</h2>
            <dl className="kv">
              <div>
                <dt>Form</dt>
                <dd>{assets.name(l.formId)}</dd>
              </div>
              <div>
                <dt>Page</dt>
                <dd>{assets.name(l.pageId)}</dd>
              </div>
              <div>
                <dt>Campaign</dt>
                <dd>
                  {l.attribution.isOrganic
                    ? 'Organic'
                    : (l.attribution.campaignName ?? l.attribution.campaignId ?? '—')}
                </dd>
              </div>
              <div>
                <dt>Ad set</dt>
                <dd>{l.attribution.adsetName ?? l.attribution.adsetId ?? '—'}</dd>
              </div>
              <div>
                <dt>Ad</dt>
                <dd>{l.attribution.adName ?? l.attribution.adId ?? '—'}</dd>
              </div>
              <div>
                <dt>Platform</dt>
                <dd>{l.attribution.platform ?? '—'}</dd>
              </div>
              <div>
                <dt>Submitted</dt>
                <dd>
                  <Time iso={l.createdAt} />
                </dd>
              </div>
              <div>
                <dt>Arrived by</dt>
                <dd>{l.source}</dd>
              </div>
            </dl>
          </section>
          <section aria-labelledby="status-heading" className="card">
            <h2 id="status-heading">Status</h2>
            <p>
              Now <Badge status={l.status} />
              {l.statusChangedAt ? (
                <>
                  {' '}
                  since <Time iso={l.statusChangedAt} />
                </>
              ) : null}
            </p>
            <form onSubmit={submit}>
              <ProblemAlert error={change.error} title="The status was not changed" />
              <Field
                label="New status"
                name="status"
                error={change.error}
                hint="Statuses mapped to a Meta stage are sent to Meta."
              >
                {(p) => (
                  <input
                    {...p}
                    list="lead-statuses"
                    value={status}
                    onChange={(e) => setStatus(e.target.value)}
                    required
                  />
                )}
              </Field>
              <datalist id="lead-statuses">
                {statuses.map((s) => (
                  <option key={s} value={s} />
                ))}
              </datalist>
              <button type="submit" className="primary" disabled={change.isPending}>
                Change status
              </button>
            </form>
            {change.data ? (
              <p className="alert alert-ok" role="status">
                Status changed. {FEEDBACK[change.data.metaFeedback] ?? change.data.metaFeedback}
              </p>
            ) : null}
          </section>
          <section aria-labelledby="erase-heading" className="card">
            <h2 id="erase-heading">Erase</h2>
            <p>
              When the person asks, erase this lead: its answers are deleted here at once, your CRM is told (
              <code>lead.erased</code>), and it is never stored again. Meta keeps its own copy for 90 days.
            </p>
            <ProblemAlert error={erase.error} title="The lead was not erased" />
            <ConfirmButton
              label="Erase this lead"
              confirmLabel="Erase it for good"
              tone="danger"
              disabled={erase.isPending}
              onConfirm={() => erase.mutate()}
            />
          </section>
        </div>
      ) : null}
    </>
  );
}
