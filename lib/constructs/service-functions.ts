/**
 * Builds every connector function the same way: shared defaults (lambda-defaults.ts), and exactly the
 * grants and environment variables its entry in lib/function-needs.ts declares.
 */
import { Aws, Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge, acknowledgeInPacks } from '../nag';
import { environmentOf, type FunctionKind, type FunctionNeeds } from '../function-needs';
import { queueUrlVariable } from '../../lambdas/platform/contracts/environment';
import type { EntryResolver } from '../paths';
import type { AlarmTopic } from './alarms';
import type { DataTable } from './data-table';
import type { ConnectorBus } from './event-bus';
import { ServiceFunction, type CommonEnvironment } from './lambda-defaults';
import { bundlingAliases } from './lambda-bundling';
import type { MetaSecrets } from './meta-secrets';
import type { TokenKey } from './token-key';
import type { WorkQueues } from './work-queues';

import type { ExportBucket } from './export-bucket';

export interface ServiceFunctionsProps {
  exports: ExportBucket;
  environment: CommonEnvironment;
  resolveEntry: EntryResolver;
  needsFor: (kind: FunctionKind, name: string) => FunctionNeeds;
  table: DataTable;
  tokenKey: TokenKey;
  secrets: MetaSecrets;
  bus: ConnectorBus;
  queues: WorkQueues;
  alarms: AlarmTopic;
  /** the Bedrock model functions with the `bedrock` need may invoke; absent = none may */
  bedrockModelId?: string;
  /** encrypts every function's log group */
  logKey: kms.IKey;
  /** false: no reserved concurrency anywhere (context `reservedConcurrency=off`, for small accounts) */
  reserveConcurrency?: boolean;
  /** ship source maps (context `sourceMaps=on`) */
  sourceMaps?: boolean;
}

export interface FunctionRequest {
  kind: FunctionKind;
  /** key in function-needs.ts */
  name: string;
  /** handler module relative to the repository root */
  entry: string;
  description: string;
  /** serves routes behind the JWT authorizer: reads the tenant claim */
  tenantApi?: boolean;
  /** used when the needs entry sets no timeout */
  defaultTimeout?: Duration;
  /** used when the needs entry sets no reservation */
  defaultReservedConcurrency?: number;
  /** why no reservation, when the needs entry does not say */
  unreservedBecause?: string;
  /**
   * Asynchronously invoked functions (schedules): where an invocation that failed all its attempts goes.
   * Every other kind is invoked synchronously (API Gateway) or by an event source mapping (SQS), where a
   * Lambda DLQ or destination never applies.
   */
  asyncFailures?: sqs.IQueue;
}

/** How a function that is never invoked asynchronously fails, by kind: why it has no Lambda DLQ. */
const NOT_ASYNC: Record<Exclude<FunctionKind, 'schedule'>, string> = {
  http:
    'Invoked synchronously by API Gateway: a failure is answered to the caller (Meta retries webhooks it was ' +
    'not answered 200), and a Lambda DLQ only ever receives asynchronous invocations.',
  queue:
    'Invoked by an SQS event source mapping, not asynchronously: a failed message returns to its queue, whose ' +
    'redrive policy moves it to the alarmed DLQ after maxReceiveCount receives (redrive: docs/operations.md).',
};

/** Lambda's own setting for asynchronous invocations: two retries, the third failure goes to the destination. */
const ASYNC_RETRY_ATTEMPTS = 2;

export class ServiceFunctions extends Construct {
  constructor(
    scope: Construct,
    id: string,
    private readonly props: ServiceFunctionsProps,
  ) {
    super(scope, id);
  }

  create(request: FunctionRequest): ServiceFunction {
    const needs = this.props.needsFor(request.kind, request.name);
    const ownQueue = needs.timesOwnRetries ? this.ownQueue(request) : [];
    const queueEnv = Object.fromEntries(
      [...(needs.sendTo ?? []), ...ownQueue].map((q) => [
        queueUrlVariable(q),
        this.props.queues.get(q).queue.queueUrl,
      ]),
    );
    const model = needs.bedrock ? this.props.bedrockModelId : undefined;
    if (model) queueEnv.BEDROCK_MODEL_ID = model;
    const timeout =
      needs.timeoutSeconds !== undefined ? Duration.seconds(needs.timeoutSeconds) : request.defaultTimeout;
    const declaredReservation = needs.reservedConcurrency ?? request.defaultReservedConcurrency;
    const reserved = this.props.reserveConcurrency === false ? undefined : declaredReservation;
    const variables = environmentOf(needs, { tenantApi: request.tenantApi === true });
    const environment = Object.fromEntries(variables.map((v) => [v, this.props.environment[v]]));
    const fn = new ServiceFunction(this, `${request.kind}-${request.name}`, {
      entry: this.props.resolveEntry(request.entry),
      description: request.description,
      environment: { ...environment, ...queueEnv },
      ...(this.props.sourceMaps ? { sourceMaps: true } : {}),
      alias: bundlingAliases(needs).alias,
      ...(timeout ? { timeout } : {}),
      ...(needs.memoryMb !== undefined ? { memorySize: needs.memoryMb } : {}),
      ...(reserved !== undefined ? { reservedConcurrentExecutions: reserved } : {}),
      logKey: this.props.logKey,
    });
    this.grant(fn, needs);
    for (const q of ownQueue) {
      const queue = this.props.queues.get(q).queue;
      queue.grant(fn.role, 'sqs:ChangeMessageVisibility');
      queue.grantSendMessages(fn.role);
    }
    this.failures(fn, request);
    if (reserved === undefined) this.acknowledgeUnreserved(fn, request, needs, declaredReservation);
    this.props.alarms.watchFunction(fn.fn, `${request.kind} ${request.name}`);
    return fn;
  }

  /** the queue a worker drains is the one named like it (topology.ts QUEUES) */
  private ownQueue(request: FunctionRequest): string[] {
    if (request.kind !== 'queue')
      throw new Error(
        `${request.kind} function "${request.name}" has no queue of its own to time retries on`,
      );
    return [request.name];
  }

  /** What function-needs.ts declares for a function (the workers read their event source's cap from it). */
  needsOf(kind: FunctionKind, name: string): FunctionNeeds {
    return this.props.needsFor(kind, name);
  }

  private failures(fn: ServiceFunction, request: FunctionRequest): void {
    if (request.kind === 'schedule') {
      if (!request.asyncFailures)
        throw new Error(`scheduled function ${request.name} needs a queue for its failed invocations`);
      fn.fn.configureAsyncInvoke({
        retryAttempts: ASYNC_RETRY_ATTEMPTS,
        onFailure: new SqsDestination(request.asyncFailures),
      });
      acknowledgeInPacks(
        fn.fn,
        ['Serverless', 'NIST.800.53.R5'],
        'LambdaDLQ',
        'Failed asynchronous invocations go to an on-failure destination (EventInvokeConfig) instead of a ' +
          'DeadLetterConfig: the alarmed schedule-failures queue, whose records also carry the error, which a ' +
          'Lambda DLQ message lacks.',
      );
      return;
    }
    acknowledgeInPacks(fn.fn, ['Serverless', 'NIST.800.53.R5'], 'LambdaDLQ', NOT_ASYNC[request.kind]);
  }

  private acknowledgeUnreserved(
    fn: ServiceFunction,
    request: FunctionRequest,
    needs: FunctionNeeds,
    declared: number | undefined,
  ): void {
    const reason =
      declared !== undefined
        ? `Reservation of ${declared} turned off with context reservedConcurrency=off: the account's Lambda ` +
          'concurrency quota is too small to reserve any (Lambda keeps 100 unreserved); raise the quota and deploy without it.'
        : (needs.unreservedBecause ?? request.unreservedBecause);
    if (!reason)
      throw new Error(
        `${request.kind} function ${request.name}: declare reservedConcurrency in lib/function-needs.ts, or say why not (unreservedBecause)`,
      );
    acknowledge(fn.fn, { id: 'NIST.800.53.R5-LambdaConcurrency', reason });
  }

  private grant(fn: ServiceFunction, needs: FunctionNeeds): void {
    const { table, tokenKey, secrets, bus, queues } = this.props;
    if (needs.table === 'read') table.grantReadData(fn.role);
    if (needs.table === 'write') table.grantWriteData(fn.role);
    if (needs.table === 'read-write') table.grantReadWriteData(fn.role);
    if (needs.tokenKey && needs.tokenKey.length > 0) tokenKey.grant(fn.role, needs.tokenKey);
    if (needs.metaSecret) secrets.grantRead(fn.role);
    if (needs.putEvents) bus.grantPutEvents(fn.role);
    if (needs.exportBucket === 'write') this.props.exports.grantWrite(fn.role);
    if (needs.exportBucket === 'read') this.props.exports.grantRead(fn.role);
    for (const q of needs.sendTo ?? []) queues.get(q).queue.grantSendMessages(fn.role);
    if (needs.bedrock && this.props.bedrockModelId) {
      // the one configured foundation model (the Converse API is authorized as InvokeModel)
      fn.role.addToPolicy(
        new iam.PolicyStatement({
          actions: ['bedrock:InvokeModel'],
          resources: [
            `arn:${Aws.PARTITION}:bedrock:${Aws.REGION}::foundation-model/${this.props.bedrockModelId}`,
          ],
        }),
      );
    }
  }
}
