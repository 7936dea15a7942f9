/**
 * One campaign: what the approval covers with the spend-cap figures, approve or reject, then launch,
 * pause and resume; Meta's status, issues and spend; daily insights as charts, and recommendations.
 */
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi, useAssetDirectory } from '../api/api-context';
import { unwrap, type Schemas } from '../api/client';
import { LineChart } from '../components/line-chart';
import { ProblemAlert } from '../components/problem';
import { Badge, Loading, PageHeader, Time } from '../components/ui';
import { formatMajor, formatMinor } from '../lib/currency';
import { explain } from '../lib/reasons';
import { Recommendations } from './ads';

type Campaign = Schemas['Campaign'];
type Action = 'approve' | 'reject' | 'launch' | 'pause' | 'resume';

const ACTION_LABELS: Record<Action, string> = {
  approve: 'Approve: create it at Meta, paused',
  reject: 'Reject',
  launch: 'Launch (start spending)',
  pause: 'Pause',
  resume: 'Resume',
};

function actionsFor(c: Campaign): Action[] {
  switch (c.status) {
    case 'draft':
      return ['approve', 'reject'];
    case 'failed':
      return ['approve'];
    case 'paused':
      return c.launchedAt ? ['resume'] : ['launch'];
    case 'active':
      return ['pause'];
    default:
      return [];
  }
}

export function CampaignPage() {
  const { id = '' } = useParams();
  const api = useApi();
  const assets = useAssetDirectory();
  const queries = useQueryClient();
  const campaign = useQuery({
    queryKey: ['campaign', id],
    queryFn: () => unwrap(api.GET('/api/v1/campaigns/{id}', { params: { path: { id } } })),
    refetchInterval: 3000,
  });
  const caps = useQuery({
    queryKey: ['spend-caps'],
    queryFn: () => unwrap(api.GET('/api/v1/settings/spend-caps')),
  });
  const act = useMutation({
    mutationFn: (action: Action) => {
      const path = { params: { path: { id } } };
      switch (action) {
        case 'approve':
          return unwrap(api.POST('/api/v1/campaigns/{id}/approve', path));
        case 'reject':
          return unwrap(api.POST('/api/v1/campaigns/{id}/reject', path));
        case 'launch':
          return unwrap(api.POST('/api/v1/campaigns/{id}/launch', path));
        case 'pause':
          return unwrap(api.POST('/api/v1/campaigns/{id}/pause', path));
        case 'resume':
          return unwrap(api.POST('/api/v1/campaigns/{id}/resume', path));
      }
    },
    onSuccess: (updated) => {
      queries.setQueryData(['campaign', id], updated);
      void queries.invalidateQueries({ queryKey: ['campaigns'] });
    },
  });
  const c = campaign.data;
  const currency = c ? assets.adAccounts.find((a) => a.id === c.adAccountId)?.currency : undefined;
  const cap = c ? caps.data?.caps.find((x) => x.adAccountId === c.adAccountId) : undefined;
  return (
    <>
      <PageHeader title={c?.name ?? 'Campaign'}>
        <Link to="/ads">All campaigns</Link>
      </PageHeader>
      {campaign.isPending ? <Loading what="the campaign" /> : null}
      <ProblemAlert error={campaign.error} />
      {c ? (
        <div className="two-col">
          <section className="card" aria-labelledby="approval-heading">
            <h2 id="approval-heading">Approval</h2>
            <p>
              <Badge status={c.status} /> {c.objective.replace('OUTCOME_', '').toLowerCase()} campaign on{' '}
              {assets.name(c.adAccountId)}
            </p>
            <dl className="kv">
              <div>
                <dt>Daily budget</dt>
                <dd>{formatMinor(c.dailyBudget, currency)}</dd>
              </div>
              <div>
                <dt>Spend caps of the account</dt>
                <dd>
                  {cap
                    ? `${formatMinor(cap.dailyCap, currency)} a day, ${formatMinor(cap.lifetimeCap, currency)} in all`
                    : 'none: a person approves every campaign'}
                </dd>
              </div>
              {c.approvalFigures ? (
                <div>
                  <dt>When drafted</dt>
                  <dd>
                    committed {formatMinor(c.approvalFigures.committedDaily, currency)} a day + this draft{' '}
                    {formatMinor(c.approvalFigures.draftDaily, currency)} against a cap of{' '}
                    {formatMinor(c.approvalFigures.dailyCap, currency)}
                  </dd>
                </div>
              ) : null}
              {c.approvalReason ? (
                <div>
                  <dt>Why</dt>
                  <dd>{explain(c.approvalReason)}</dd>
                </div>
              ) : null}
              <div>
                <dt>Approved</dt>
                <dd>
                  {c.approval ? (
                    <>
                      by {c.approval.ruleId ? `rule ${c.approval.ruleId}` : c.approval.by},{' '}
                      <Time iso={c.approval.at} />
                    </>
                  ) : (
                    'not yet'
                  )}
                </dd>
              </div>
            </dl>
            {c.error ? <p className="alert alert-error">{c.error}</p> : null}
            <ProblemAlert error={act.error} title="Meta or the service refused" />
            <div className="form-actions">
              {actionsFor(c).map((a) => (
                <button
                  key={a}
                  type="button"
                  className={a === 'reject' ? '' : 'primary'}
                  disabled={act.isPending}
                  onClick={() => act.mutate(a)}
                >
                  {ACTION_LABELS[a]}
                </button>
              ))}
            </div>
          </section>
          <section className="card" aria-labelledby="meta-heading">
            <h2 id="meta-heading">At Meta</h2>
            <dl className="kv">
              <div>
                <dt>Campaign id</dt>
                <dd data-volatile="">{c.meta.campaignId ?? 'not created'}</dd>
              </div>
              <div>
                <dt>Status at Meta</dt>
                <dd>
                  {c.sync?.effectiveStatus ??
                    (c.meta.campaignId
                      ? `${c.status.toUpperCase()} (Meta’s own view syncs every 15 minutes)`
                      : '—')}
                </dd>
              </div>
              <div>
                <dt>Spend so far</dt>
                <dd>{c.sync ? formatMajor(c.sync.spend, currency) : 'not synced yet'}</dd>
              </div>
              {c.sync?.issues.length ? (
                <div>
                  <dt>Delivery issues</dt>
                  <dd>{c.sync.issues.join('; ')}</dd>
                </div>
              ) : null}
              {c.pacing ? (
                <div>
                  <dt>Pacing</dt>
                  <dd>
                    {c.pacing.reason} ({c.pacing.percent} % of Meta’s budget used)
                  </dd>
                </div>
              ) : null}
              <div>
                <dt>Launched</dt>
                <dd>
                  <Time iso={c.launchedAt} />
                </dd>
              </div>
            </dl>
          </section>
          {c.meta.campaignId ? (
            <CampaignInsights metaCampaignId={c.meta.campaignId} currency={currency} />
          ) : null}
        </div>
      ) : null}
      {c ? <Recommendations campaignId={c.id} /> : null}
    </>
  );
}

const METRICS = [
  ['spend', 'Spend'],
  ['leads', 'Leads'],
  ['impressions', 'Impressions'],
  ['clicks', 'Clicks'],
] as const;

function CampaignInsights({
  metaCampaignId,
  currency,
}: {
  metaCampaignId: string;
  currency: string | null | undefined;
}) {
  const api = useApi();
  const [metric, setMetric] = useState<(typeof METRICS)[number][0]>('spend');
  const until = new Date().toISOString().slice(0, 10);
  const since = new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10);
  const series = useQuery({
    queryKey: ['insights', metaCampaignId, metric, since],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/insights', { params: { query: { assetId: metaCampaignId, metric, since, until } } }),
      ),
  });
  const queries = useQueryClient();
  // a backfill runs on the insights worker; its record says when it is done
  const [backfillId, setBackfillId] = useState<string | null>(null);
  const backfill = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/insights/backfill', { body: { days: 30 } })),
    onSuccess: (b) => setBackfillId(b.requestId),
  });
  const progress = useQuery({
    queryKey: ['insights-backfill', backfillId],
    enabled: backfillId !== null,
    queryFn: () =>
      unwrap(api.GET('/api/v1/insights/backfills/{id}', { params: { path: { id: backfillId ?? '' } } })),
    refetchInterval: (q) => (q.state.data?.status === 'completed' ? false : 1000),
  });
  const completed = progress.data?.status === 'completed';
  useEffect(() => {
    if (completed) {
      void queries.invalidateQueries({ queryKey: ['insights', metaCampaignId] });
      void queries.invalidateQueries({ queryKey: ['recommendations'] });
    }
  }, [completed, queries, metaCampaignId]);
  return (
    <section className="card wide" aria-labelledby="insights-heading">
      <h2 id="insights-heading">Insights, last 30 days</h2>
      <div className="tabs" role="group" aria-label="Metric">
        {METRICS.map(([k, label]) => (
          <button key={k} type="button" aria-pressed={metric === k} onClick={() => setMetric(k)}>
            {label}
          </button>
        ))}
      </div>
      <div className="form-actions">
        <button
          type="button"
          disabled={backfill.isPending || (backfillId !== null && !completed)}
          onClick={() => backfill.mutate()}
        >
          Fetch the last 30 days from Meta
        </button>
        {progress.data ? (
          <span role="status">
            {completed
              ? `Fetched: ${progress.data.summary?.points ?? 0} daily counters stored.`
              : `Fetching (${progress.data.status})…`}
          </span>
        ) : null}
      </div>
      <ProblemAlert error={series.error ?? backfill.error} />
      {series.data && !series.data.available ? (
        <p className="alert alert-warn">
          Not available: {explain(series.data.reason)}
          {series.data.replacement ? ` Use ${series.data.replacement} instead.` : ''}
        </p>
      ) : null}
      {series.data?.available && series.data.points.length === 0 ? (
        <p className="muted">No counter stored yet: the daily insights sync (or a backfill) stores them.</p>
      ) : null}
      {series.data?.available && series.data.points.length > 0 ? (
        <LineChart
          label={METRICS.find(([k]) => k === metric)![1]}
          points={series.data.points}
          {...(metric === 'spend' ? { format: (v: number) => formatMajor(v, currency) } : {})}
        />
      ) : null}
    </section>
  );
}
