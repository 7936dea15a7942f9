/**
 * Daily counters of one asset (a Page, an Instagram account or a campaign) as a chart, with a button
 * that asks the insights worker for the last 30 days. A metric Meta stopped serving says so, with its
 * replacement, instead of showing zeros.
 */
import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../api/api-context';
import { unwrap } from '../api/client';
import { explain } from '../lib/reasons';
import { LineChart } from './line-chart';
import { ProblemAlert } from './problem';

export interface MetricChoice {
  key: string;
  label: string;
  format?: (value: number) => string;
  /** a level such as followers, not a count per day */
  level?: boolean;
}

export function InsightsPanel({
  assetId,
  metrics,
  title,
}: {
  assetId: string;
  metrics: MetricChoice[];
  title: string;
}) {
  const api = useApi();
  const queries = useQueryClient();
  const [metricKey, setMetricKey] = useState(metrics[0]?.key ?? '');
  const metric = metrics.find((m) => m.key === metricKey) ?? metrics[0];
  const until = new Date().toISOString().slice(0, 10);
  const since = new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10);
  const series = useQuery({
    queryKey: ['insights', assetId, metricKey, since],
    enabled: metric !== undefined,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/insights', { params: { query: { assetId, metric: metricKey, since, until } } }),
      ),
  });
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
      void queries.invalidateQueries({ queryKey: ['insights', assetId] });
      void queries.invalidateQueries({ queryKey: ['recommendations'] });
    }
  }, [completed, queries, assetId]);
  return (
    <section className="card wide" aria-labelledby="insights-heading">
      <h2 id="insights-heading">{title}</h2>
      <div className="tabs" role="group" aria-label="Metric">
        {metrics.map((m) => (
          <button
            key={m.key}
            type="button"
            aria-pressed={metricKey === m.key}
            onClick={() => setMetricKey(m.key)}
          >
            {m.label}
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
        <p className="muted">No counter stored yet: the daily insights sync (or a fetch) stores them.</p>
      ) : null}
      {metric && series.data?.available && series.data.points.length > 0 ? (
        <LineChart
          label={metric.label}
          points={series.data.points}
          {...(metric.format ? { format: metric.format } : {})}
          summary={metric.level ? 'latest' : 'total'}
        />
      ) : null}
    </section>
  );
}
