/**
 * The alarms that watch the service as a whole, beside the per-resource ones (a message in a DLQ, an
 * unhandled error, an API 5xx: alarms.ts, dead-letter-queue.ts). Every one goes to the encrypted alarm
 * topic; each description says what it means and what to do (docs/operations.md has the same).
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { RETRY_JITTER, type QueueSpec } from '../../lambdas/app/topology';
import type { AlarmTopic } from './alarms';
import type { BusinessMetrics } from './business-metrics';
import type { WorkQueues } from './work-queues';

/** The longest delay a message may be sent with (SQS DelaySeconds): a held or paced job waits that long. */
const MAX_SEND_DELAY_SECONDS = 900;

/**
 * How old the oldest message of a queue may grow while its worker is healthy. After each failed attempt a
 * message comes back after its step of the queue's retry schedule (up to 20 % later, the jitter), or after
 * the visibility timeout when the attempt could not time its retry (a crash, a timeout); the last attempt
 * may run a visibility timeout more before the message moves to the DLQ; and a job may have been sent with
 * the longest delay SQS allows. A message older than all of that was never received often enough to be
 * dead-lettered: the worker is not draining its queue.
 */
export function oldestMessageAlarmSeconds(spec: QueueSpec): number {
  const steps = spec.retryStepsSeconds;
  let seconds = spec.visibilityTimeoutSeconds + MAX_SEND_DELAY_SECONDS;
  for (let attempt = 1; attempt < spec.maxReceiveCount; attempt++) {
    const step = steps[Math.min(attempt, steps.length) - 1] ?? 0;
    seconds += Math.max(step * (1 + RETRY_JITTER), spec.visibilityTimeoutSeconds);
  }
  return Math.ceil(seconds);
}

/** Throttled in this many consecutive 5-minute periods: a reservation or the account's quota is too small. */
const THROTTLE_PERIODS = 2;
/** At Meta's limit, or paused, in this many consecutive 5-minute periods: 15 minutes, not a passing spike. */
const SUSTAINED_PERIODS = 3;
/** A share of refused webhook deliveries this high, with at least SIGNATURE_MIN_REFUSALS of them. */
const SIGNATURE_FAILURE_RATIO = 0.5;
const SIGNATURE_MIN_REFUSALS = 3;
const FIVE_MINUTES = Duration.minutes(5);

export interface ObservedFunction {
  /** `http webhook`, `queue lead-fetch`, `schedule due-posts` */
  label: string;
  fn: lambda.IFunction;
}

export interface ObservabilityAlarmsProps {
  alarms: AlarmTopic;
  metrics: BusinessMetrics;
  queues: WorkQueues;
  functions: readonly ObservedFunction[];
}

export class ObservabilityAlarms extends Construct {
  /** per work queue: its oldest message is older than its retry schedule explains */
  readonly oldestMessage = new Map<string, cloudwatch.Alarm>();
  /** per function: throttled in consecutive periods */
  readonly throttles = new Map<string, cloudwatch.Alarm>();
  readonly signatureFailures: cloudwatch.Alarm;
  readonly rateLimitWaits: cloudwatch.Alarm;
  readonly graphPaused: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: ObservabilityAlarmsProps) {
    super(scope, id);
    const { alarms, metrics } = props;

    for (const { spec, queue } of props.queues.all) {
      const seconds = oldestMessageAlarmSeconds(spec);
      this.oldestMessage.set(
        spec.name,
        alarms.watch(
          new cloudwatch.Alarm(this, `OldestMessage-${spec.name}`, {
            alarmDescription:
              `The oldest message in the ${spec.name} queue is older than its whole retry schedule ` +
              `(${Math.round(seconds / 60)} min): the worker is not draining it. Check the worker's errors, ` +
              'throttles and event source mapping (docs/operations.md).',
            metric: queue.metricApproximateAgeOfOldestMessage({ period: FIVE_MINUTES, statistic: 'Maximum' }),
            threshold: seconds,
            comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
            evaluationPeriods: 1,
            treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
          }),
        ),
      );
    }

    for (const { label, fn } of props.functions) {
      this.throttles.set(
        label,
        alarms.watch(
          new cloudwatch.Alarm(this, `Throttles-${label.replace(/[^A-Za-z0-9]+/g, '-')}`, {
            alarmDescription:
              `The ${label} function was throttled for ${THROTTLE_PERIODS * 5} minutes: its reserved ` +
              "concurrency or the account's Lambda quota is too small for the load (docs/operations.md).",
            metric: fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }),
            threshold: 1,
            comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            evaluationPeriods: THROTTLE_PERIODS,
            datapointsToAlarm: THROTTLE_PERIODS,
            treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
          }),
        ),
      );
    }

    const deliveries = Object.fromEntries(
      (['handed_off', 'parked', 'dropped', 'signature_refused'] as const).map((outcome) => [
        outcome,
        metrics.metric('webhookDeliveries', { Outcome: outcome }, { period: FIVE_MINUTES }),
      ]),
    );
    this.signatureFailures = alarms.watch(
      new cloudwatch.Alarm(this, 'WebhookSignatureFailures', {
        alarmDescription:
          `More than ${SIGNATURE_FAILURE_RATIO * 100} % of webhook deliveries refused for their signature ` +
          `(at least ${SIGNATURE_MIN_REFUSALS} in 5 minutes), twice in a row: the app secret in the stack's ` +
          "secret no longer matches Meta's (reset in the app dashboard?), or someone is probing the endpoint.",
        metric: new cloudwatch.MathExpression({
          expression:
            `IF(refused >= ${SIGNATURE_MIN_REFUSALS}, ` +
            'refused / (refused + FILL(handedOff, 0) + FILL(parked, 0) + FILL(dropped, 0)), 0)',
          usingMetrics: {
            refused: deliveries.signature_refused!,
            handedOff: deliveries.handed_off!,
            parked: deliveries.parked!,
            dropped: deliveries.dropped!,
          },
          period: FIVE_MINUTES,
          label: 'share of deliveries refused for their signature',
        }),
        threshold: SIGNATURE_FAILURE_RATIO,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );

    this.rateLimitWaits = alarms.watch(
      new cloudwatch.Alarm(this, 'SustainedRateLimitWaits', {
        alarmDescription:
          `Calls waited at Meta's rate limit (Meta asked to wait, or usage at 90-95 % or more) in each of ` +
          `${SUSTAINED_PERIODS} consecutive 5-minute periods: the app or an ad account is running at its limit. ` +
          'Work is slowed, not lost; see which in the logs (`graph throttle`) and the dashboard.',
        metric: new cloudwatch.MathExpression({
          expression: 'FILL(app, 0) + FILL(adAccount, 0)',
          usingMetrics: {
            app: metrics.metric('graphRateLimitWaits', { Scope: 'app', Severity: 'at_limit' }),
            adAccount: metrics.metric('graphRateLimitWaits', { Scope: 'ad_account', Severity: 'at_limit' }),
          },
          period: FIVE_MINUTES,
          label: 'waits at the limit',
        }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: SUSTAINED_PERIODS,
        datapointsToAlarm: SUSTAINED_PERIODS,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );

    this.graphPaused = alarms.watch(
      new cloudwatch.Alarm(this, 'SustainedGraphPause', {
        alarmDescription:
          `The app-wide Graph pause refused calls in each of ${SUSTAINED_PERIODS} consecutive 5-minute periods: ` +
          "Meta has been down, or the app at its application limit, for 15 minutes. Messages are held, not lost; check Meta's status page.",
        metric: metrics.metric('graphCallsPaused', {}, { period: FIVE_MINUTES }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: SUSTAINED_PERIODS,
        datapointsToAlarm: SUSTAINED_PERIODS,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
  }
}
