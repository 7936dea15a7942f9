/**
 * What the domain needs from Meta, in domain terms. The adapter in `adapters/meta-graph` speaks HTTP,
 * validates Meta's answers with zod and throws {@link MetaGraphError} / {@link MetaNetworkError}.
 */
import type { UsageReport } from '../../platform/core/graph/usage-headers';

export interface CampaignDay {
  /** set on account-level rows (`level=campaign`) */
  campaignId?: string;
  campaignName?: string;
  reach?: number;
  date: string;
  spend: number;
  impressions: number;
  clicks: number;
  leads: number;
}

/** Told the usage Meta reported on one answer (the Marketing API paces each ad account on its own). */
export type UsageObserver = (usage: UsageReport) => void;

export interface MetaGraph {
  /** One metric of a Page or Instagram account, per day (`since`/`until` in Unix seconds). */
  seriesInsights(
    objectId: string,
    token: string,
    metric: string,
    since: number,
    until: number,
  ): Promise<Array<{ date: string; value: number }>>;
  campaignDays(
    campaignId: string,
    token: string,
    since: string,
    until: string,
    observe?: UsageObserver,
  ): Promise<CampaignDay[]>;
  startInsightsReport(
    campaignId: string,
    token: string,
    since: string,
    until: string,
    observe?: UsageObserver,
  ): Promise<string>;
  insightsReportStatus(
    reportId: string,
    token: string,
    observe?: UsageObserver,
  ): Promise<{ done: boolean; failed: boolean; percent: number }>;
  insightsReportDays(reportId: string, token: string, observe?: UsageObserver): Promise<CampaignDay[]>;
  /**
   * Several metrics of a Page or Instagram account, per day (`since`/`until` in Unix seconds); Meta fails
   * the whole call when one metric is not served.
   */
  insightsSeries(
    objectId: string,
    token: string,
    metrics: string[],
    since: number,
    until: number,
  ): Promise<Record<string, Array<{ date: string; value: number }>>>;
  /** Instagram's `metric_type=total_value`: one total per metric over [since, until). */
  insightsTotals(
    objectId: string,
    token: string,
    metrics: string[],
    since: number,
    until: number,
  ): Promise<Record<string, number>>;
  /** Every campaign of an ad account, per day (`level=campaign`, `time_increment=1`), all pages read. */
  accountCampaignDays(
    adAccountId: string,
    token: string,
    since: string,
    until: string,
    observe?: UsageObserver,
  ): Promise<CampaignDay[]>;
  /** The same as an asynchronous report run (long ranges); returns its `report_run_id`. */
  startAccountInsightsReport(
    adAccountId: string,
    token: string,
    since: string,
    until: string,
    observe?: UsageObserver,
  ): Promise<string>;
}
