/**
 * One CloudWatch dashboard for running the connector: what Meta sent and what became of it, the Graph API
 * as we see it, publishing and approvals, then the plumbing (queues, DLQs, functions) and every alarm's
 * state. Business metrics come from the catalogue through {@link BusinessMetrics}.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { BusinessMetrics } from './business-metrics';
import type { ObservedFunction } from './observability-alarms';
import type { WorkQueues } from './work-queues';

export interface ObservabilityDashboardProps {
  metrics: BusinessMetrics;
  queues: WorkQueues;
  /** dead-letter queues besides the work queues' own (schedule failures, the CRM webhook's) */
  otherDlqs: ReadonlyArray<{ label: string; queue: sqs.IQueue }>;
  functions: readonly ObservedFunction[];
  /** shown by state at the top */
  alarms: readonly cloudwatch.IAlarm[];
}

const PERIOD = Duration.minutes(5);
const WIDE = 12;
const THIRD = 8;
const QUARTER = 6;
const HEIGHT = 6;

export class ObservabilityDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: ObservabilityDashboardProps) {
    super(scope, id);
    const { metrics: m } = props;
    const graph = (
      title: string,
      left: cloudwatch.IMetric[],
      width = THIRD,
      extra: Partial<cloudwatch.GraphWidgetProps> = {},
    ) => new cloudwatch.GraphWidget({ title, left, width, height: HEIGHT, period: PERIOD, ...extra });
    const stackName = Stack.of(this).stackName;

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: stackName,
      defaultInterval: Duration.hours(12),
    });
    const workQueues = props.queues.all;
    this.dashboard.addWidgets(
      new cloudwatch.TextWidget({
        markdown:
          `# ${stackName}\n` +
          'Business metrics (namespace `' +
          m.namespace +
          '`), queues and functions. What each alarm means and what to do: docs/operations.md in the repository.',
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.AlarmStatusWidget({
        title: 'Alarms',
        alarms: [...props.alarms],
        width: 24,
        height: Math.min(12, 2 + Math.ceil(props.alarms.length / 4)),
        sortBy: cloudwatch.AlarmStatusWidgetSortBy.STATE_UPDATED_TIMESTAMP,
      }),
    );

    // what Meta sent and what became of it
    this.dashboard.addWidgets(
      graph('Webhook deliveries by outcome', m.everyCombination('webhookDeliveries'), THIRD, {
        stacked: true,
      }),
      graph('Leads stored, by source', m.everyCombination('leadsStored'), THIRD, { stacked: true }),
      graph('Lead duplicates, by source', m.everyCombination('leadDuplicates'), THIRD, { stacked: true }),
    );

    // the Graph API as we see it
    this.dashboard.addWidgets(
      graph('Graph calls by status and error code', [m.search('graphCalls', 'Sum')], QUARTER, {
        stacked: true,
      }),
      graph(
        'Graph call duration (ms)',
        [
          m.metric('graphCallDuration', {}, { statistic: 'p50', label: 'p50' }),
          m.metric('graphCallDuration', {}, { statistic: 'p99', label: 'p99' }),
        ],
        QUARTER,
      ),
      graph(
        'Rate-limit waits (left), their length in ms (right)',
        m.everyCombination('graphRateLimitWaits'),
        QUARTER,
        {
          right: m.everyCombination('graphRateLimitWaitTime', { statistic: 'Sum' }),
        },
      ),
      graph(
        'The app-wide Graph pause',
        [
          m.metric('graphCallsPaused', {}, { label: 'calls not sent while paused' }),
          ...m.everyCombination('graphPauses'),
        ],
        QUARTER,
      ),
    );

    // what the service did for the business
    this.dashboard.addWidgets(
      graph('Publish outcomes', m.everyCombination('publishOutcomes'), THIRD, { stacked: true }),
      graph('Approvals, by who approved', m.everyCombination('approvals'), THIRD, { stacked: true }),
      graph('Items purged', [m.metric('purgedItems', {}, { label: 'items' })]),
    );

    // the plumbing
    this.dashboard.addWidgets(
      graph(
        'Messages waiting, per queue',
        workQueues.map((q) =>
          q.queue.metricApproximateNumberOfMessagesVisible({
            period: PERIOD,
            statistic: 'Maximum',
            label: q.spec.name,
          }),
        ),
      ),
      graph(
        'Age of the oldest message (s), per queue',
        workQueues.map((q) =>
          q.queue.metricApproximateAgeOfOldestMessage({
            period: PERIOD,
            statistic: 'Maximum',
            label: q.spec.name,
          }),
        ),
      ),
      graph('Dead-letter queues', [
        ...workQueues.map((q) =>
          q.dlq.metricApproximateNumberOfMessagesVisible({
            period: PERIOD,
            statistic: 'Maximum',
            label: `${q.spec.name}-dlq`,
          }),
        ),
        ...props.otherDlqs.map((d) =>
          d.queue.metricApproximateNumberOfMessagesVisible({
            period: PERIOD,
            statistic: 'Maximum',
            label: d.label,
          }),
        ),
      ]),
    );
    this.dashboard.addWidgets(
      graph('Queue messages failed, by queue and decision', [m.search('queueMessageFailures', 'Sum')], WIDE, {
        stacked: true,
      }),
      graph(
        'Function errors',
        props.functions.map((f) => f.fn.metricErrors({ period: PERIOD, statistic: 'Sum', label: f.label })),
        WIDE,
      ),
    );
    this.dashboard.addWidgets(
      graph(
        'Function throttles',
        props.functions.map((f) =>
          f.fn.metricThrottles({ period: PERIOD, statistic: 'Sum', label: f.label }),
        ),
        WIDE,
      ),
      graph(
        'Function duration p99 (ms)',
        props.functions.map((f) => f.fn.metricDuration({ period: PERIOD, statistic: 'p99', label: f.label })),
        WIDE,
      ),
    );
  }
}
