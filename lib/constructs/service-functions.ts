/**
 * Builds every connector function the same way: shared defaults (lambda-defaults.ts), the common
 * environment, and exactly the grants its entry in lib/function-needs.ts declares.
 */
import { Aws, Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { FunctionKind, FunctionNeeds } from '../function-needs';
import type { EntryResolver } from '../paths';
import type { AlarmTopic } from './alarms';
import type { DataTable } from './data-table';
import type { ConnectorBus } from './event-bus';
import { queueUrlVariable, ServiceFunction, type CommonEnvironment } from './lambda-defaults';
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
}

export interface FunctionRequest {
  kind: FunctionKind;
  /** key in function-needs.ts */
  name: string;
  /** handler module relative to the repository root */
  entry: string;
  description: string;
  /** used when the needs entry sets no timeout */
  defaultTimeout?: Duration;
}

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
    const fn = new ServiceFunction(this, `${request.kind}-${request.name}`, {
      entry: this.props.resolveEntry(request.entry),
      description: request.description,
      environment: { ...this.props.environment, ...queueEnv },
      ...(timeout ? { timeout } : {}),
      ...(needs.memoryMb !== undefined ? { memorySize: needs.memoryMb } : {}),
      ...(needs.reservedConcurrency !== undefined
        ? { reservedConcurrentExecutions: needs.reservedConcurrency }
        : {}),
    });
    this.grant(fn, needs);
    for (const q of ownQueue) {
      const queue = this.props.queues.get(q).queue;
      queue.grant(fn.role, 'sqs:ChangeMessageVisibility');
      queue.grantSendMessages(fn.role);
    }
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

  private grant(fn: ServiceFunction, needs: FunctionNeeds): void {
    const { table, tokenKey, secrets, bus, queues } = this.props;
    if (needs.table === 'read') table.grantReadData(fn.role);
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
