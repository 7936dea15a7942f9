/**
 * The event-driven topology, shared by the CDK stack and the local runtime: which queues exist, which
 * worker drains each one, which bus rules feed them, and which schedules run. One table, two runtimes.
 * The shape is platform/contracts/topology.ts; each module declares its own part (module.ts), and the
 * entries here are those not yet moved into a module.
 */
import {
  INGEST_SOURCE,
  STANDARD_RETRY_STEPS,
  type BusRuleSpec,
  type QueueSpec,
  type ScheduleSpec,
} from '../platform/contracts/topology';
import { fromModules } from './modules';
import { PublishRequested } from '../modules/publishing/contracts';
import { CampaignCreateRequested } from '../modules/ads/contracts';
import { InsightsBackfillRequested } from '../modules/insights/contracts';

export {
  EVENT_SOURCE,
  INGEST_SOURCE,
  RETRY_JITTER,
  STANDARD_RETRY_STEPS,
  retryScheduleOf,
  type BusRuleSpec,
  type QueueSpec,
  type ScheduleSpec,
} from '../platform/contracts/topology';

const QUEUES_NOT_YET_IN_A_MODULE: QueueSpec[] = [
  {
    name: 'deletion',
    worker: 'deletion',
    batchSize: 1,
    maxReceiveCount: 8,
    visibilityTimeoutSeconds: 300,
    retryStepsSeconds: STANDARD_RETRY_STEPS,
  },
];

/** Detail-type of the internal command that purges one connection's data (deletion worker). */
export const PURGE_REQUESTED = 'privacy.purge-requested';

/** Detail-type of the internal command that purges what was kept for revoked assets (deletion worker). */
export const ASSET_PURGE_REQUESTED = 'privacy.asset-purge-requested';

/** Detail-type of the internal command that writes a tenant's export (deletion worker). */
export const EXPORT_REQUESTED = 'privacy.export-requested';

/** Detail-type of one publish job (post × target) for the publish worker. */
export const PUBLISH_REQUESTED = PublishRequested.detailType;

/** Detail-type of the command that creates an approved campaign at Meta (ads worker). */
export const CAMPAIGN_CREATE_REQUESTED = CampaignCreateRequested.detailType;

/** Detail-type of the command that syncs a range of insights on request (insights worker). */
export const INSIGHTS_BACKFILL_REQUESTED = InsightsBackfillRequested.detailType;

const BUS_RULES_NOT_YET_IN_A_MODULE: BusRuleSpec[] = [
  {
    name: 'privacy-to-deletion',
    source: INGEST_SOURCE,
    detailTypes: [PURGE_REQUESTED, ASSET_PURGE_REQUESTED, EXPORT_REQUESTED],
    queue: 'deletion',
  },
];

const SCHEDULES_NOT_YET_IN_A_MODULE: ScheduleSpec[] = [
  { name: 'subscription-check', rate: 'rate(1 day)', job: 'subscription-check' },
  { name: 'token-watch', rate: 'rate(1 day)', job: 'token-watch' },
];

export const QUEUES: QueueSpec[] = [...fromModules((m) => m.queues), ...QUEUES_NOT_YET_IN_A_MODULE];
export const BUS_RULES: BusRuleSpec[] = [...BUS_RULES_NOT_YET_IN_A_MODULE, ...fromModules((m) => m.busRules)];
export const SCHEDULES: ScheduleSpec[] = [
  ...fromModules((m) => m.schedules),
  ...SCHEDULES_NOT_YET_IN_A_MODULE,
];

export function queueByName(name: string): QueueSpec {
  const q = QUEUES.find((x) => x.name === name);
  if (!q) throw new Error(`unknown queue ${name}`);
  return q;
}
