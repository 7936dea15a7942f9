/** Daily counters of the selected Pages and Instagram accounts (campaigns have theirs on their own page). */
import { useSearchParams } from 'react-router';
import { useAssetDirectory } from '../api/api-context';
import { Field } from '../components/field';
import { InsightsPanel, type MetricChoice } from '../components/insights-panel';
import { Empty, Loading, PageHeader } from '../components/ui';

const PAGE_METRICS: MetricChoice[] = [
  { key: 'page_media_view', label: 'Media views' },
  { key: 'page_post_engagements', label: 'Post engagements' },
  { key: 'page_follows', label: 'Followers', level: true },
  { key: 'page_views_total', label: 'Page views' },
];
const INSTAGRAM_METRICS: MetricChoice[] = [
  { key: 'reach', label: 'Reach' },
  { key: 'follower_count', label: 'New followers' },
  { key: 'views', label: 'Views' },
  { key: 'accounts_engaged', label: 'Accounts engaged' },
];

export function InsightsPage() {
  const assets = useAssetDirectory();
  const [params, setParams] = useSearchParams();
  const choices = [
    ...assets.pages
      .filter((p) => p.selected)
      .map((p) => ({ id: p.id, label: `Facebook Page: ${p.name}`, metrics: PAGE_METRICS })),
    ...assets.instagramAccounts
      .filter((a) => a.selected)
      .map((a) => ({
        id: a.id,
        label: `Instagram: ${a.username ? `@${a.username}` : a.name}`,
        metrics: INSTAGRAM_METRICS,
      })),
  ];
  const chosen = choices.find((c) => c.id === params.get('asset')) ?? choices[0];
  return (
    <>
      <PageHeader title="Insights" />
      <p>
        Aggregated daily counters only, nothing about people; kept 13 months. Campaign results are on each
        campaign’s page.
      </p>
      {assets.loading ? <Loading what="assets" /> : null}
      {!assets.loading && choices.length === 0 ? (
        <Empty>Select a Page or an Instagram account on a connection first.</Empty>
      ) : null}
      {chosen ? (
        <>
          <Field label="Account">
            {(p) => (
              <select {...p} value={chosen.id} onChange={(e) => setParams({ asset: e.target.value })}>
                {choices.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <InsightsPanel
            key={chosen.id}
            assetId={chosen.id}
            metrics={chosen.metrics}
            title={`${chosen.label}, last 30 days`}
          />
        </>
      ) : null}
    </>
  );
}
