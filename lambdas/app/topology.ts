/**
 * The event-driven topology, shared by the CDK stack and the local runtime: which queues exist, which
 * worker drains each one, which bus rules feed them, and which schedules run. One table, two runtimes.
 * The shape is platform/contracts/topology.ts; each module declares its own part (module.ts), and the
 * entries here are those not yet moved into a module.
 */
import { type BusRuleSpec, type QueueSpec, type ScheduleSpec } from '../platform/contracts/topology';
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

const QUEUES_NOT_YET_IN_A_MODULE: QueueSpec[] = [];

/** Detail-type of one publish job (post × target) for the publish worker. */
export const PUBLISH_REQUESTED = PublishRequested.detailType;

/** Detail-type of the command that creates an approved campaign at Meta (ads worker). */
export const CAMPAIGN_CREATE_REQUESTED = CampaignCreateRequested.detailType;

/** Detail-type of the command that syncs a range of insights on request (insights worker). */
export const INSIGHTS_BACKFILL_REQUESTED = InsightsBackfillRequested.detailType;

const BUS_RULES_NOT_YET_IN_A_MODULE: BusRuleSpec[] = [];

const SCHEDULES_NOT_YET_IN_A_MODULE: ScheduleSpec[] = [];

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
