/**
 * One campaign: what the approval covers with the spend-cap figures, approve or reject, then launch,
 * pause and resume; Meta's status, issues and spend; daily insights as charts, and recommendations.
 */
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi, useAssetDirectory } from '../api/api-context';
import { unwrap, type Schemas } from '../api/client';
import { InsightsPanel } from '../components/insights-panel';
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

function CampaignInsights({
  metaCampaignId,
  currency,
}: {
  metaCampaignId: string;
  currency: string | null | undefined;
}) {
  return (
    <InsightsPanel
      assetId={metaCampaignId}
      title="Insights, last 30 days"
      metrics={[
        { key: 'spend', label: 'Spend', format: (v: number) => formatMajor(v, currency) },
        { key: 'leads', label: 'Leads' },
        { key: 'impressions', label: 'Impressions' },
        { key: 'clicks', label: 'Clicks' },
      ]}
    />
  );
}
