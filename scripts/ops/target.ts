/**
 * Where `npm run ops` acts: a deployed stack in AWS (`--stack NAME`), or the local runtime (`npm start`, or
 * one a test started). Both are driven with the same SDK commands (SQS StartMessageMoveTask, EventBridge
 * StartReplay); only the clients, the queues' physical names and the replay ARNs differ.
 */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetQueueAttributesCommand, GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import {
  createEventBridgeClient,
  createSecretsManagerClient,
  createSqsClient,
} from '../../local/infra/aws-clients';

export interface ReplayTargets {
  /** the archive StartReplay reads */
  archiveArn: string;
  /** the bus the events are replayed to: the one that emitted them */
  busArn: string;
  /** the connector's own rules; customers' rules on the bus never receive a replay */
  ruleArns: string[];
}

export interface OpsTarget {
  /** for messages: "stack MetaConnector" / "the local runtime" */
  label: string;
  sqs: SQSClient;
  eventBridge: EventBridgeClient;
  /** physical name of a topology queue (`lead-fetch` → `MetaConnector-lead-fetch` in AWS) */
  queueName(name: string): string;
  replayTargets(): Promise<ReplayTargets>;
  /** the Meta secret to rotate and the Secrets Manager that holds it (AWS's, or the local runtime's) */
  metaSecret(): Promise<{ client: SecretsManagerClient; secretId: string }>;
  close(): void;
}

/** A stack's outputs by key; a missing one is an error that says to deploy this version. */
async function stackOutputs(
  client: CloudFormationClient,
  stackName: string,
): Promise<(key: string) => string> {
  const { Stacks } = await client.send(new DescribeStacksCommand({ StackName: stackName }));
  const outputs = new Map((Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue]));
  return (key) => {
    const value = outputs.get(key);
    if (!value) throw new Error(`stack ${stackName} has no ${key} output: deploy this version first`);
    return value;
  };
}

/** A queue's URL and ARN by physical name. */
export async function queueByName(target: OpsTarget, name: string): Promise<{ url: string; arn: string }> {
  const { QueueUrl } = await target.sqs.send(new GetQueueUrlCommand({ QueueName: name }));
  if (!QueueUrl) throw new Error(`queue ${name} not found in ${target.label}`);
  const { Attributes } = await target.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
  );
  if (!Attributes?.QueueArn) throw new Error(`queue ${name} in ${target.label} has no ARN`);
  return { url: QueueUrl, arn: Attributes.QueueArn };
}

export interface LocalEndpoints {
  sqsEndpoint: string;
  busUrl: string;
  replay: ReplayTargets;
  /** the local Secrets Manager and the Meta secret's ARN in it */
  secretsManager: { endpoint: string; metaSecretArn: string };
}

/** The local runtime: fauxqs (with the redrive actions of sqs-message-move.mjs) and the local bus. */
export function localTarget(endpoints: LocalEndpoints): OpsTarget {
  const sqs = createSqsClient(endpoints.sqsEndpoint);
  const eventBridge = createEventBridgeClient(endpoints.busUrl);
  const secrets = createSecretsManagerClient(endpoints.secretsManager.endpoint);
  return {
    label: 'the local runtime',
    sqs,
    eventBridge,
    queueName: (name) => name,
    replayTargets: async () => endpoints.replay,
    metaSecret: async () => ({ client: secrets, secretId: endpoints.secretsManager.metaSecretArn }),
    close: () => {
      sqs.destroy();
      eventBridge.destroy();
      secrets.destroy();
    },
  };
}

/** A deployed stack: default AWS credentials and region; replay ARNs from the stack's outputs. */
export function awsTarget(stackName: string, region?: string): OpsTarget {
  const config = region ? { region } : {};
  const sqs = new SQSClient(config);
  const eventBridge = new EventBridgeClient(config);
  const cloudFormation = new CloudFormationClient(config);
  const secrets = new SecretsManagerClient(config);
  return {
    label: `stack ${stackName}`,
    sqs,
    eventBridge,
    // lib/constructs/work-queues.ts names them so
    queueName: (name) => `${stackName}-${name}`,
    replayTargets: async () => {
      const outputs = await stackOutputs(cloudFormation, stackName);
      return {
        archiveArn: outputs('EventArchiveArn'),
        busArn: outputs('EventBusArn'),
        ruleArns: outputs('ReplayRuleArns').split(','),
      };
    },
    metaSecret: async () => ({
      client: secrets,
      secretId: (await stackOutputs(cloudFormation, stackName))('MetaSecretArn'),
    }),
    close: () => {
      sqs.destroy();
      eventBridge.destroy();
      cloudFormation.destroy();
      secrets.destroy();
    },
  };
}
